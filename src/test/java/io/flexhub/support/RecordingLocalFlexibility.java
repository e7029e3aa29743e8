package io.flexhub.support;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.springframework.stereotype.Component;

import io.flexhub.flex.LocalFlexRequest;
import io.flexhub.flex.LocalFlexResult;
import io.flexhub.flex.LocalFlexibility;

/**
 * Stands in for the flexibility engine in the shared test context until the engine is part of the build: records
 * each internal request and accepts what is asked (delivering it all), so the caller's handling of the answer shows.
 */
@Component
public class RecordingLocalFlexibility implements LocalFlexibility {

    private final List<LocalFlexRequest> requests = new CopyOnWriteArrayList<>();

    @Override
    public LocalFlexResult request(LocalFlexRequest request) {
        requests.add(request);
        double[] delivered = request.kw();
        for (int i = 0; i < delivered.length; i++) {
            delivered[i] = Math.max(0.0, delivered[i]);
        }
        return new LocalFlexResult(LocalFlexResult.Status.ACCEPTED, "recorded", delivered, List.of((long) requests.size()));
    }

    public List<LocalFlexRequest> requests() {
        return List.copyOf(requests);
    }
}
