package io.flexhub.analytics.history;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import io.flexhub.support.H2HubTest;
import io.flexhub.support.UftpTestPeer;

/** The FlexRequest history on the embedded default database (H2). */
class FlexRequestHistoryEndToEndTest extends H2HubTest implements FlexRequestHistoryScenarios {

    @Autowired
    FlexRequestHistoryStore history;
    @Autowired
    JdbcClient jdbc;

    @Override
    public UftpTestPeer dso() {
        return DSO;
    }

    @Override
    public FlexRequestHistoryStore history() {
        return history;
    }

    @Override
    public JdbcClient jdbc() {
        return jdbc;
    }

    @Override
    public HttpResponse<String> importHistory(byte[] body, String contentType) {
        return admin(HttpRequest.newBuilder(URI.create(url(IMPORT))).header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)));
    }
}
