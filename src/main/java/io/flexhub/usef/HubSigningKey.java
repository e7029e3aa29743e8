package io.flexhub.usef;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import io.flexhub.usef.crypto.Cs1KeyPair;
import io.flexhub.usef.crypto.Cs1PrivateKey;

/**
 * The key the hub signs its UFTP messages with. Configured through {@code FLEXHUB_USEF_PRIVATE_KEY} in
 * production; otherwise generated once and kept in the database, so that every instance sharing the database
 * signs with the same key and a restart does not change the identity peers have registered.
 */
@Component
public class HubSigningKey {

    private static final Logger LOG = LoggerFactory.getLogger(HubSigningKey.class);
    static final String SETTING = "usef.private-key";

    private final Cs1PrivateKey privateKey;

    public HubSigningKey(UsefProperties properties, JdbcClient jdbc) {
        String configured = properties.privateKey();
        if (configured != null && !configured.isBlank()) {
            try {
                privateKey = Cs1PrivateKey.parse(configured.trim());
            } catch (IllegalArgumentException e) {
                throw new IllegalStateException("flexhub.usef.private-key is invalid: " + e.getMessage(), e);
            }
        } else {
            privateKey = storedOrGenerated(jdbc);
        }
        LOG.info("UFTP identity {} ({}), public key {}", properties.ownDomain(), properties.ownRole(),
                privateKey.publicKey().toCs1String());
    }

    private static Cs1PrivateKey storedOrGenerated(JdbcClient jdbc) {
        var stored = jdbc.sql("SELECT setting_value FROM hub_setting WHERE setting_name = :n").param("n", SETTING)
                .query(String.class).optional();
        if (stored.isPresent()) {
            return Cs1PrivateKey.parse(stored.get());
        }
        Cs1PrivateKey generated = Cs1KeyPair.generate().privateKey();
        try {
            jdbc.sql("INSERT INTO hub_setting (setting_name, setting_value) VALUES (:n, :v)").param("n", SETTING)
                    .param("v", generated.exportLibsodiumBase64()).update();
            LOG.warn("No flexhub.usef.private-key configured; generated a signing key and stored it in the database");
            return generated;
        } catch (DuplicateKeyException raced) {
            // another instance generated one at the same moment: use theirs so all instances sign alike
            return storedOrGenerated(jdbc);
        }
    }

    public Cs1PrivateKey privateKey() {
        return privateKey;
    }

    public String publicKeyCs1() {
        return privateKey.publicKey().toCs1String();
    }
}
