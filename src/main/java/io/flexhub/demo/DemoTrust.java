package io.flexhub.demo;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Set;

import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

import io.flexhub.usef.HubSigningKey;
import io.flexhub.usef.UsefProperties;
import io.flexhub.usef.crypto.Cs1PrivateKey;
import io.flexhub.usef.crypto.Cs1PublicKey;

/**
 * Keeps the demo's published key out of a real deployment. The demo DSO's private key is printed in
 * demo/README.md and application.yaml, so anyone can sign with it: a hub that trusts it outside the demo lets
 * strangers place FlexOrders that actuate real devices. The hub refuses to start in such a configuration, naming
 * the setting to change, rather than run with a warning nobody reads.
 */
@Component
public class DemoTrust {

    /** The demo DSO's Ed25519 seed as published in demo/README.md (and application.yaml's default). */
    public static final String PUBLISHED_SEED = "vGYLHKoxeX40GujvH+ehlbKmWUpmee4XLdG/rNDF0HY=";
    public static final Cs1PublicKey PUBLISHED_PUBLIC_KEY = Cs1PrivateKey.parse(PUBLISHED_SEED).publicKey();

    public DemoTrust(DemoProperties demo, UsefProperties usef, HubSigningKey hubKey, Environment environment) {
        List<String> problems = problems(demo, usef.participants(), hubKey.privateKey().publicKey(),
                Set.of(environment.getActiveProfiles()));
        if (!problems.isEmpty()) {
            throw new IllegalStateException("Refusing to start: " + String.join("; ", problems));
        }
    }

    /** Each configuration that would trust a published key where it must not, as a sentence naming the setting. */
    static List<String> problems(DemoProperties demo, List<UsefProperties.Participant> participants,
                                 Cs1PublicKey hubPublicKey, Collection<String> activeProfiles) {
        List<String> problems = new ArrayList<>();
        if (demo.enabled()) {
            demo.productionProfiles().stream().filter(activeProfiles::contains).forEach(profile -> problems.add(
                    "flexhub.demo.enabled (FLEXHUB_DEMO_ENABLED) is true in the production profile '" + profile
                            + "'; the demo DSO signs with a published key, set FLEXHUB_DEMO_ENABLED=false"));
        }
        if (!demo.active()) {
            participants.stream().filter(p -> isPublished(parseOrNull(p.publicKey())))
                    .forEach(p -> problems.add("flexhub.usef.participants: " + p.role() + " " + p.domain()
                            + " has the demo DSO's published public key while the demo is off;"
                            + " configure the participant's own key"));
        }
        if (isPublished(hubPublicKey)) {
            problems.add("flexhub.usef.private-key (FLEXHUB_USEF_PRIVATE_KEY) is the demo DSO's published key;"
                    + " give the hub a key of its own, or leave it blank to have one generated");
        }
        return problems;
    }

    /** By the signing key alone: a box key appended to the published one signs just the same. */
    private static boolean isPublished(Cs1PublicKey key) {
        return key != null && Arrays.equals(key.signingKey(), PUBLISHED_PUBLIC_KEY.signingKey());
    }

    private static Cs1PublicKey parseOrNull(String key) {
        try {
            return Cs1PublicKey.parse(key);
        } catch (IllegalArgumentException e) {
            // ParticipantDirectory names an unparsable key; here it is simply not the published one
            return null;
        }
    }
}
