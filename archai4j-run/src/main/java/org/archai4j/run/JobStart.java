package org.archai4j.run;

import org.archai4j.run.directory.RunDirectory;
import org.archai4j.run.spec.RunSpec;

/**
 * What a job starts from, as {@link JobListener#started} tells it.
 *
 * @param spec the spec, with the options' limits applied
 * @param directory the run directory
 * @param resumed whether the directory held the run already (the journal replays what it finished)
 * @param cluster the cluster's name when expensive objectives are evaluated by its workers, else null
 */
public record JobStart(RunSpec spec, RunDirectory directory, boolean resumed, String cluster) {
}
