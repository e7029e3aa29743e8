package io.flexhub.usef;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpRequest;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import com.fasterxml.jackson.databind.JsonNode;

import io.flexhub.support.H2HubTest;
import io.flexhub.support.UftpTestPeer;

/** The UFTP flows on the embedded default database (H2). */
class UsefEndToEndTest extends H2HubTest implements UsefFlowScenarios {

    @Autowired
    HubSigningKey hubSigningKey;

    @Override
    public UftpTestPeer dso() {
        return DSO;
    }

    @Test
    void should_report_the_hub_identity_with_the_key_it_signs_with() {
        JsonNode body = read(admin(HttpRequest.newBuilder(URI.create(url("/api/usef/identity"))).GET()).body());
        assertThat(body.get("domain").asText()).isEqualTo(UftpTestPeer.HUB_DOMAIN);
        assertThat(body.get("publicKey").asText()).isEqualTo(hubSigningKey.publicKeyCs1()).startsWith("cs1.");
        assertThat(body.get("ispDuration").asText()).isEqualTo("PT15M");
    }
}
