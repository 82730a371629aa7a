/**
 * The automatic job: from data and a time budget to a complete run spec ({@link org.archai4j.run.plan.JobPlanner}),
 * written into the run's directory and reused on a rerun ({@link org.archai4j.run.plan.PlannedJob}).
 */
package org.archai4j.run.plan;
