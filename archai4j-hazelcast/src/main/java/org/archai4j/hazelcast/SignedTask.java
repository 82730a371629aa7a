package org.archai4j.hazelcast;

import java.io.IOException;
import java.io.Serializable;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.concurrent.Callable;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.HazelcastInstanceAware;
import org.archai4j.config.ArchConfig;

/**
 * The only object archai4j members send each other: a signed message, text and signature, deserialised (as two
 * strings, the one class the members' serialization filter allows) and checked before anything in it is read. It
 * asks a worker either to evaluate (objective, archid, config, budget, spec identity; never a model) or to answer an
 * admission challenge. The answer is text signed by the worker, bound to the task's nonce and to the worker.
 *
 * <p>A worker refuses a message that is unsigned or wrongly signed, addressed to another member, older than
 * {@link WorkerGuard#MAX_AGE_MILLIS} or seen before (a replay), and work for another spec.
 */
final class SignedTask implements Callable<String>, Serializable, HazelcastInstanceAware {
    private static final long serialVersionUID = 2L;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final SecureRandom NONCES = new SecureRandom();

    final String message;
    final String signature;
    /** The member it runs on: set by Hazelcast on arrival, never sent. */
    private transient HazelcastInstance member;

    private SignedTask(String message, String signature) {
        this.message = message;
        this.signature = signature;
    }

    /** A fresh nonce: 128 random bits. */
    static String nonce() {
        byte[] b = new byte[16];
        NONCES.nextBytes(b);
        return HexFormat.of().formatHex(b);
    }

    /** An evaluation for the member {@code to}. */
    static SignedTask evaluation(ClusterSecret secret, String to, String nonce, String objective, String archid,
                                 String configJson, Double budget, String specIdentity) {
        ObjectNode m = JSON.createObjectNode().put("kind", "evaluate").put("to", to).put("nonce", nonce)
                .put("issued", System.currentTimeMillis()).put("objective", objective).put("archid", archid)
                .put("config", configJson).put("spec", specIdentity);
        if (budget != null) {
            m.put("budget", budget);
        }
        return new SignedTask(m.toString(), secret.sign(m.toString()));
    }

    /** An admission challenge for the member {@code to}. */
    static SignedTask admission(ClusterSecret secret, String to, String nonce) {
        ObjectNode m = JSON.createObjectNode().put("kind", "admit").put("to", to).put("nonce", nonce)
                .put("issued", System.currentTimeMillis());
        return new SignedTask(m.toString(), secret.sign(m.toString()));
    }

    @Override
    public void setHazelcastInstance(HazelcastInstance instance) {
        this.member = instance;
    }

    @Override
    public String call() throws Exception {
        Object found = member == null ? null : member.getUserContext().get(ClusterWorker.CONTEXT);
        if (!(found instanceof ClusterWorker.Context context)) {
            throw new SecurityException("this member is not an archai4j worker");
        }
        String self = member.getCluster().getLocalMember().getUuid().toString();
        JsonNode m = context.guard().check(message, signature, self);
        String nonce = m.path("nonce").asText();
        ObjectNode answer = JSON.createObjectNode().put("nonce", nonce).put("worker", self);
        if (m.path("kind").asText().equals("admit")) {
            answer.put("admitted", true);
        } else {
            String spec = m.path("spec").asText();
            if (!context.specIdentity().equals(spec)) {
                throw new IllegalStateException("worker for spec " + context.specIdentity() + " refuses work for spec "
                        + spec);
            }
            String archid = m.path("archid").asText();
            Double budget = m.hasNonNull("budget") ? m.get("budget").asDouble() : null;
            try {
                answer.put("value", context.evaluator().evaluate(m.path("objective").asText(), archid,
                        ArchConfig.fromJson(m.path("config").asText(), archid), budget));
            } catch (Exception e) {
                answer.put("error", e.toString());
            }
        }
        return context.guard().secret().sign(answer.toString()) + "\n" + answer;
    }

    /**
     * The answer to a task with {@code nonce} sent to the member {@code worker}, checked: its signature, nonce and
     * worker must be the task's.
     *
     * @throws SecurityException when it is not
     */
    static JsonNode verifyAnswer(ClusterSecret secret, String answer, String nonce, String worker) {
        int cut = answer == null ? -1 : answer.indexOf('\n');
        if (cut < 0 || !secret.verify(answer.substring(cut + 1), answer.substring(0, cut))) {
            throw new SecurityException("a result not signed with the cluster's secret was refused");
        }
        JsonNode a;
        try {
            a = JSON.readTree(answer.substring(cut + 1));
        } catch (IOException e) {
            throw new SecurityException("a signed result is not valid JSON", e);
        }
        if (!nonce.equals(a.path("nonce").asText()) || !worker.equals(a.path("worker").asText())) {
            throw new SecurityException("a result for another task or from another member was refused");
        }
        return a;
    }
}
