package org.archai4j.run;

import java.util.List;
import org.archai4j.djl.DjlNetwork;
import org.archai4j.journal.EvaluationRecord;
import org.archai4j.pareto.ParetoFrontier;
import org.archai4j.search.SearchProgress;
import org.archai4j.search.SearchResults;
import org.archai4j.search.StopReason;
import org.archai4j.space.ArchaiModel;

/** Every listener of a job as one, each told in the order it was added. */
final class Listeners implements JobListener {
    private final List<JobListener> all;

    Listeners(List<JobListener> all) {
        this.all = List.copyOf(all);
    }

    @Override
    public void started(JobStart start) {
        all.forEach(l -> l.started(start));
    }

    @Override
    public void message(String line) {
        all.forEach(l -> l.message(line));
    }

    @Override
    public void iterationStarted(int iteration) {
        all.forEach(l -> l.iterationStarted(iteration));
    }

    @Override
    public void evaluationFinished(EvaluationRecord record, boolean replayed) {
        all.forEach(l -> l.evaluationFinished(record, replayed));
    }

    @Override
    public void iterationFinished(int iteration, SearchResults<DjlNetwork> results,
                                  List<ArchaiModel<DjlNetwork>> nextPopulation) {
        all.forEach(l -> l.iterationFinished(iteration, results, nextPopulation));
    }

    @Override
    public void frontierChanged(int iteration, ParetoFrontier<DjlNetwork> frontier) {
        all.forEach(l -> l.frontierChanged(iteration, frontier));
    }

    @Override
    public void searchEnded(SearchResults<DjlNetwork> results, StopReason reason,
                            List<ArchaiModel<DjlNetwork>> population) {
        all.forEach(l -> l.searchEnded(results, reason, population));
    }

    @Override
    public void onProgress(SearchProgress progress) {
        all.forEach(l -> l.onProgress(progress));
    }

    @Override
    public void searchFinished(SearchOutcome outcome) {
        all.forEach(l -> l.searchFinished(outcome));
    }

    @Override
    public void finalModelTrained(FinalModel model) {
        all.forEach(l -> l.finalModelTrained(model));
    }

    @Override
    public void finalModelLeftOut(String archid, double predictedSeconds) {
        all.forEach(l -> l.finalModelLeftOut(archid, predictedSeconds));
    }

    @Override
    public void finished(JobResult result) {
        all.forEach(l -> l.finished(result));
    }

    @Override
    public void interrupted(JobStart start, String problem) {
        all.forEach(l -> l.interrupted(start, problem));
    }
}
