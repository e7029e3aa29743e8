package io.flexhub.usef.xml;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.function.Supplier;

/**
 * A small pool for JAXP/JAXB objects that are costly to create but not thread-safe (validators, parsers,
 * unmarshallers). Borrowing never blocks: when the pool is empty a new one is made, and what does not fit back
 * in is dropped. Give back only what finished cleanly; after a failure nothing guarantees a clean state.
 */
final class Pool<T> {

    private final BlockingQueue<T> idle =
            new ArrayBlockingQueue<>(Math.max(4, 2 * Runtime.getRuntime().availableProcessors()));
    private final Supplier<T> factory;

    Pool(Supplier<T> factory) {
        this.factory = factory;
    }

    T borrow() {
        T item = idle.poll();
        return item != null ? item : factory.get();
    }

    void giveBack(T item) {
        idle.offer(item);
    }
}
