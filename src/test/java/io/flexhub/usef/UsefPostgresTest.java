package io.flexhub.usef;

import io.flexhub.support.PostgresHubTest;
import io.flexhub.support.UftpTestPeer;

/** The same UFTP flows on PostgreSQL, the production database. */
class UsefPostgresTest extends PostgresHubTest implements UsefFlowScenarios {

    @Override
    public UftpTestPeer dso() {
        return DSO;
    }
}
