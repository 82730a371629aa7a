package org.archai4j.hazelcast;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Objects;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The key a cluster's coordinator and workers share: every task and every result is signed with it (HMAC-SHA256),
 * a worker is admitted only after answering a challenge with it, and the cluster's name is derived from it. Hazelcast
 * open source has no member authentication, so archai4j builds it on top.
 *
 * <pre>{@code
 * ClusterSecret secret = ClusterSecret.fromEnvironment().orElseThrow();   // ARCHAI4J_CLUSTER_SECRET
 * ClusterSecret secret = ClusterSecret.fromFile(Path.of("cluster.key"));
 * }</pre>
 *
 * <p>What it protects: who can run work on the workers, and whose results count. What it does not: traffic is
 * signed, not encrypted (use a private network or a VPN).
 *
 * @implNote Immutable and thread-safe.
 */
public final class ClusterSecret {
    /** The environment variable a secret is read from. */
    public static final String ENVIRONMENT_VARIABLE = "ARCHAI4J_CLUSTER_SECRET";
    /** The fewest characters a secret may have. */
    public static final int MIN_LENGTH = 16;

    private final byte[] key;
    private final boolean derived;

    private ClusterSecret(byte[] key, boolean derived) {
        this.key = key;
        this.derived = derived;
    }

    /**
     * A secret from its text.
     *
     * @throws IllegalArgumentException when it is shorter than {@link #MIN_LENGTH} characters
     */
    public static ClusterSecret of(String secret) {
        String s = Objects.requireNonNull(secret, "secret").strip();
        if (s.length() < MIN_LENGTH) {
            throw new IllegalArgumentException("the cluster secret has " + s.length() + " characters; expected at "
                    + "least " + MIN_LENGTH + " (for example the output of 'openssl rand -hex 32')");
        }
        return new ClusterSecret(s.getBytes(StandardCharsets.UTF_8), false);
    }

    /** The secret in {@value #ENVIRONMENT_VARIABLE}, if it is set. */
    public static Optional<ClusterSecret> fromEnvironment() {
        String value = System.getenv(ENVIRONMENT_VARIABLE);
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(of(value));
    }

    /** The secret in a file (its text, stripped). */
    public static ClusterSecret fromFile(Path file) {
        try {
            return of(Files.readString(file, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IllegalArgumentException(file + ": cannot read the cluster secret (" + e.getMessage() + ")", e);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(file + ": " + e.getMessage(), e);
        }
    }

    /**
     * The key of a cluster without a secret, derived from its spec identity: it keeps processes of other specs
     * out, not people, so such a cluster stays on loopback.
     */
    static ClusterSecret forLoopback(String specIdentity) {
        return new ClusterSecret(("archai4j-loopback|" + specIdentity).getBytes(StandardCharsets.UTF_8), true);
    }

    /** Whether this key was derived from a spec (no real secret). */
    boolean derived() {
        return derived;
    }

    /** The HMAC-SHA256 of {@code message}, in hexadecimal. */
    String sign(String message) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(message.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every Java runtime", e);
        }
    }

    /** Whether {@code signature} is {@code message}'s, compared in constant time. */
    boolean verify(String message, String signature) {
        return signature != null && MessageDigest.isEqual(sign(message).getBytes(StandardCharsets.US_ASCII),
                signature.getBytes(StandardCharsets.US_ASCII));
    }

    /** A cluster name nobody without the secret can guess: {@code archai4j-<16 hex digits>}. */
    public String clusterName(String specName) {
        return "archai4j-" + sign("cluster-name|" + specName).substring(0, 16);
    }

    @Override
    public String toString() {
        return derived ? "ClusterSecret[derived from the spec]" : "ClusterSecret[***]";
    }
}
