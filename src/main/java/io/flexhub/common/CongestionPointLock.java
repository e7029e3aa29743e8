package io.flexhub.common;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Serialises, across threads and hub instances, everything that changes what the devices behind one congestion
 * point are committed to: offer building and revocation, FlexOrders, local demand-response planning. The lock is
 * the point's row in {@code congestion_point_lock}, held until the caller's transaction ends.
 */
@Component
public class CongestionPointLock {

    private final JdbcClient jdbc;

    public CongestionPointLock(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Locks the congestion point until the current transaction commits or rolls back; waits while another holds
     * it. The row is created on first use: ON CONFLICT DO NOTHING, because a duplicate-key error would abort the
     * caller's transaction on PostgreSQL, and a concurrent creator makes this insert wait for its commit instead.
     */
    public void lock(String congestionPoint) {
        if (!TransactionSynchronizationManager.isActualTransactionActive()) {
            // outside a transaction the row lock would end with the statement and serialise nothing
            throw new IllegalStateException("congestion point " + congestionPoint + " locked outside a transaction");
        }
        if (selectForUpdate(congestionPoint)) {
            return;
        }
        jdbc.sql("INSERT INTO congestion_point_lock (congestion_point) VALUES (:cp) ON CONFLICT DO NOTHING")
                .param("cp", congestionPoint).update();
        if (!selectForUpdate(congestionPoint)) {
            throw new IllegalStateException("lock row of congestion point " + congestionPoint + " vanished");
        }
    }

    private boolean selectForUpdate(String congestionPoint) {
        return !jdbc.sql("SELECT congestion_point FROM congestion_point_lock WHERE congestion_point = :cp FOR UPDATE")
                .param("cp", congestionPoint).query(String.class).list().isEmpty();
    }
}
