/**
 * The evaluation journal, {@code evaluations.jsonl}: every finished evaluation, synced at once, so a killed search
 * resumes.
 */
package org.archai4j.journal;
