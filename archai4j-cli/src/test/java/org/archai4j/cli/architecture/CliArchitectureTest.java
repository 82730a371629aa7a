package org.archai4j.cli.architecture;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.simpleName;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The command line is a thin layer over {@code archai4j-run}: its commands parse arguments and call the job; they
 * assemble no search, load no data set, parse no spec and train nothing themselves.
 */
class CliArchitectureTest {
    private static final JavaClasses CLI = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("org.archai4j.cli");

    @Test
    void theCommandsHoldNoJobLogic() {
        noClasses().that().resideInAPackage("org.archai4j.cli")
                .should().dependOnClassesThat().resideInAnyPackage("org.archai4j.algos..", "org.archai4j.operators..",
                        "org.archai4j.evaluation..", "org.archai4j.pruning..",
                        "org.archai4j.djl.training..", "org.archai4j.djl.evaluators..", "org.archai4j.plots..",
                        "org.snakeyaml..")
                // Networks are built in archai4j-run; the command line only passes the user's choice of CodeLoading.
                .orShould().dependOnClassesThat(resideInAPackage("org.archai4j.djl.models..")
                        .and(not(simpleName("CodeLoading"))))
                .orShould().dependOnClassesThat().haveFullyQualifiedName("org.archai4j.journal.EvaluationJournal")
                .orShould().dependOnClassesThat().haveFullyQualifiedName("org.archai4j.run.spec.SpecMap")
                .orShould().dependOnClassesThat().haveFullyQualifiedName("org.archai4j.hazelcast.ClusterCoordinator")
                .check(CLI);
    }

    @Test
    void theReportAndDashboardReadRunsThroughTheRunModule() {
        noClasses().that().resideInAnyPackage("org.archai4j.cli.report..", "org.archai4j.cli.dashboard..")
                .should().dependOnClassesThat().resideInAnyPackage("org.archai4j.algos..", "org.archai4j.djl..",
                        "org.archai4j.journal..")
                .check(CLI);
    }
}
