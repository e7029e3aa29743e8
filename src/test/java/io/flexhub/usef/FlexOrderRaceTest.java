package io.flexhub.usef;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import io.flexhub.support.H2HubTest;
import io.flexhub.support.UftpTestPeer;

/** Crossing FlexOrders and revocations on the embedded default database (H2). */
class FlexOrderRaceTest extends H2HubTest implements FlexOrderRaceScenarios {

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
