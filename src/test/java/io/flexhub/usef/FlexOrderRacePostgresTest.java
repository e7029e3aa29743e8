package io.flexhub.usef;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import io.flexhub.support.PostgresHubTest;
import io.flexhub.support.UftpTestPeer;

/** Crossing FlexOrders and revocations on PostgreSQL, the production database. */
class FlexOrderRacePostgresTest extends PostgresHubTest implements FlexOrderRaceScenarios {

    @Autowired
    JdbcClient jdbc;

    @Override
    public UftpTestPeer dso() {
        return DSO;
    }

    @Override
    public JdbcClient jdbc() {
        return jdbc;
    }
}
