package org.archai4j.run;

import java.nio.file.Path;
import java.util.Optional;
import java.util.Set;
import org.archai4j.algos.AlgorithmBuilder;
import org.archai4j.algos.EvolutionParetoSearch;
import org.archai4j.algos.LocalSearch;
import org.archai4j.algos.MoBananasSearch;
import org.archai4j.algos.RandomSearch;
import org.archai4j.algos.RegularizedEvolutionSearch;
import org.archai4j.algos.SuccessiveHalvingSearch;
import org.archai4j.djl.DjlNetwork;
import org.archai4j.djl.predictors.DnnEnsemble;
import org.archai4j.objectives.SearchObjectives;
import org.archai4j.operators.PopulationSource;
import org.archai4j.operators.SizeTiers;
import org.archai4j.run.spec.SpecNamed;
import org.archai4j.space.ConfigSearchSpace;

/**
 * The algorithms a run spec can name ({@code algorithm.name}): how each one's builder is made, and which of the
 * keys beyond its builder's own parameters it accepts ({@link Extra}). The builder's own parameters are its
 * methods in snake case ({@code init_num_models} is {@code initNumModels(int)}), set by {@link SearchAssembly}.
 *
 * <pre>{@code
 * AlgorithmBuilder<DjlNetwork, ?> builder = SearchAlgorithm.LOCAL.builder(inputs, extras);
 * }</pre>
 */
public enum SearchAlgorithm implements SpecNamed {
    RANDOM("random", Set.of()) {
        @Override
        AlgorithmBuilder<DjlNetwork, ?> builder(Inputs in, Extras extras) {
            return RandomSearch.builder(in.space(), in.objectives(), in.outputDir());
        }
    },
    EVOLUTION_PARETO("evolution_pareto", Set.of(Extra.TIERS)) {
        @Override
        AlgorithmBuilder<DjlNetwork, ?> builder(Inputs in, Extras extras) {
            EvolutionParetoSearch.Builder<DjlNetwork> b = EvolutionParetoSearch.builder(in.space(), in.objectives(),
                    in.outputDir());
            extras.tiers().ifPresent(b::tiers);
            return b;
        }
    },
    LOCAL("local", Set.of(Extra.TIERS, Extra.SCREENING)) {
        @Override
        AlgorithmBuilder<DjlNetwork, ?> builder(Inputs in, Extras extras) {
            LocalSearch.Builder<DjlNetwork> b = LocalSearch.builder(in.space(), in.objectives(), in.outputDir());
            extras.tiers().ifPresent(b::tiers);
            extras.screening().ifPresent(s -> b.screening(s.candidates(), s.gamma()));
            return b;
        }
    },
    REGULARIZED_EVOLUTION("regularized_evolution", Set.of()) {
        @Override
        AlgorithmBuilder<DjlNetwork, ?> builder(Inputs in, Extras extras) {
            return RegularizedEvolutionSearch.builder(in.space(), in.objectives(), in.outputDir());
        }
    },
    SUCCESSIVE_HALVING("successive_halving", Set.of(Extra.PRESCREEN)) {
        @Override
        AlgorithmBuilder<DjlNetwork, ?> builder(Inputs in, Extras extras) {
            SuccessiveHalvingSearch.Builder<DjlNetwork> b = SuccessiveHalvingSearch.builder(in.space(),
                    in.objectives(), in.outputDir());
            extras.prescreen().ifPresent(b::initialModels);
            return b;
        }
    },
    MO_BANANAS("mo_bananas", Set.of(Extra.TIERS)) {
        @Override
        AlgorithmBuilder<DjlNetwork, ?> builder(Inputs in, Extras extras) {
            MoBananasSearch.Builder<DjlNetwork> b = MoBananasSearch.builder(in.space(), in.objectives(),
                    in.outputDir(), in.surrogate());
            extras.tiers().ifPresent(b::tiers);
            return b;
        }

        @Override
        public boolean needsSurrogate() {
            return true;
        }
    };

    /** Keys of {@code algorithm:} that are not builder parameters, and the algorithms that take them. */
    public enum Extra {
        /** {@code tiers: {by, ceilings, leaders, sampling}}: breed the leaders of each size band. */
        TIERS("tiers", "chooses the parents of evolution_pareto, local and mo_bananas"),
        /** {@code screening: {candidates, gamma}}: train the most promising mutations by a Parzen score. */
        SCREENING("screening", "screens the mutations of local search with tiers"),
        /** {@code prescreen: {proxy, pool, batch, group_by}}: the first models by a zero-cost proxy. */
        PRESCREEN("prescreen", "screens the first models of successive_halving");

        private final String key;
        private final String purpose;

        Extra(String key, String purpose) {
            this.key = key;
            this.purpose = purpose;
        }

        public String key() {
            return key;
        }

        /** What the key does, and so where it belongs: for the error that refuses it elsewhere. */
        public String purpose() {
            return purpose;
        }
    }

    /** What every builder is made from. */
    record Inputs(ConfigSearchSpace<DjlNetwork> space, SearchObjectives<DjlNetwork> objectives, Path outputDir,
                  DnnEnsemble surrogate) {
    }

    /** The extras a spec set, each checked already. */
    record Extras(Optional<SizeTiers<DjlNetwork>> tiers, Optional<Screening> screening,
                  Optional<PopulationSource<DjlNetwork>> prescreen) {
    }

    /** {@code screening:}'s values. */
    record Screening(int candidates, double gamma) {
    }

    private final String specName;
    private final Set<Extra> extras;

    SearchAlgorithm(String specName, Set<Extra> extras) {
        this.specName = specName;
        this.extras = extras;
    }

    @Override
    public String specName() {
        return specName;
    }

    /** The extra keys this algorithm takes. */
    public Set<Extra> extras() {
        return extras;
    }

    /** Whether the algorithm needs a surrogate model ({@link Inputs#surrogate()}). */
    public boolean needsSurrogate() {
        return false;
    }

    /** The builder, with the extras applied. */
    abstract AlgorithmBuilder<DjlNetwork, ?> builder(Inputs in, Extras extras);


}
