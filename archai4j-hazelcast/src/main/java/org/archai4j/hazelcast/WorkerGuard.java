package org.archai4j.hazelcast;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * A worker's checks of every message it receives, before it reads anything in it: the signature (with the
 * cluster's secret), the addressee (this member), the age, and that its nonce was never seen (no replays).
 *
 * <pre>{@code
 * JsonNode message = guard.check(text, signature, localMemberUuid);   // SecurityException when refused
 * }</pre>
 *
 * @implNote Thread-safe.
 */
final class WorkerGuard {
    /** How old a message may be when it arrives. */
    static final long MAX_AGE_MILLIS = 10 * 60 * 1000;
    private static final int REMEMBERED_NONCES = 100_000;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final ClusterSecret secret;
    private final Map<String, Boolean> seen = new LinkedHashMap<>(16, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
            return size() > REMEMBERED_NONCES;
        }
    };

    WorkerGuard(ClusterSecret secret) {
        this.secret = secret;
    }

    ClusterSecret secret() {
        return secret;
    }

    /** The message, once it passed every check. */
    JsonNode check(String message, String signature, String self) {
        if (message == null || !secret.verify(message, signature)) {
            throw new SecurityException("an unsigned or wrongly signed task was refused");
        }
        JsonNode m;
        try {
            m = JSON.readTree(message);
        } catch (IOException e) {
            throw new SecurityException("a signed task is not valid JSON", e);
        }
        if (!self.equals(m.path("to").asText())) {
            throw new SecurityException("a task for another member was refused");
        }
        long age = System.currentTimeMillis() - m.path("issued").asLong(0);
        if (age > MAX_AGE_MILLIS || age < -MAX_AGE_MILLIS) {
            throw new SecurityException("a task issued " + age / 1000 + " s ago was refused");
        }
        synchronized (seen) {
            if (seen.put(m.path("nonce").asText(), Boolean.TRUE) != null) {
                throw new SecurityException("a replayed task was refused");
            }
        }
        return m;
    }
}
