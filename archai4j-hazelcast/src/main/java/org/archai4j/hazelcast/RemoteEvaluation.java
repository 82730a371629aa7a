package org.archai4j.hazelcast;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.HazelcastInstanceAware;
import java.io.Serializable;
import java.util.concurrent.Callable;
import org.archai4j.config.ArchConfig;

/**
 * The message a coordinator sends: objective, archid, the architecture's config as arch-file JSON, budget and the
 * spec identity; never a model. On the worker it rebuilds the config and runs the worker's evaluator, after
 * checking that the worker serves the same spec.
 */
final class RemoteEvaluation implements Callable<Double>, Serializable, HazelcastInstanceAware {
    private static final long serialVersionUID = 1L;

    final String objective;
    final String archid;
    final String configJson;
    final Double budget;
    final String specIdentity;
    /** The member it runs on: set by Hazelcast on arrival, never sent. */
    private transient HazelcastInstance member;

    RemoteEvaluation(String objective, String archid, String configJson, Double budget, String specIdentity) {
        this.objective = objective;
        this.archid = archid;
        this.configJson = configJson;
        this.budget = budget;
        this.specIdentity = specIdentity;
    }

    @Override
    public void setHazelcastInstance(HazelcastInstance instance) {
        this.member = instance;
    }

    @Override
    public Double call() throws Exception {
        Object found = member == null ? null : member.getUserContext().get(ClusterWorker.CONTEXT);
        if (!(found instanceof ClusterWorker.Context context)) {
            throw new IllegalStateException("member is not an archai4j worker");
        }
        if (!context.specIdentity().equals(specIdentity)) {
            throw new IllegalStateException("worker for spec " + context.specIdentity() + " refuses work for spec "
                    + specIdentity);
        }
        return context.evaluator().evaluate(objective, archid, ArchConfig.fromJson(configJson, archid), budget);
    }
}
