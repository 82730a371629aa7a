package org.archai4j.operators;

import static org.archai4j.config.ParamTrees.dict;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.archai4j.config.ArchParamTree;
import org.archai4j.config.DiscreteChoice;
import org.archai4j.evaluation.EvaluationService;
import org.archai4j.objectives.Constraint;
import org.archai4j.objectives.Cost;
import org.archai4j.objectives.Direction;
import org.archai4j.objectives.SearchObjectives;
import org.archai4j.random.PyRandom;
import org.archai4j.search.SearchResults;
import org.archai4j.space.ArchaiModel;
import org.archai4j.space.ConfigSearchSpace;
import org.archai4j.space.DiscreteSearchSpace;
import org.archai4j.space.ModelFactory;
import org.junit.jupiter.api.Test;

/** Each breeding component alone, on a two-parameter space whose models are {@code 10 * x + y}. */
class OperatorsTest {
    /** A context with a constraint "value is even", and the results and seen archids a test gives it. */
    private static final class FakeContext implements BreedingContext<Integer> {
        final ConfigSearchSpace<Integer> space;
        final SearchObjectives<Integer> objectives = new SearchObjectives<Integer>()
                .addObjective("value", (m, b) -> m.arch(), Direction.MINIMIZE, Cost.CHEAP,
                        Constraint.between(0, 1e9))
                .addObjective("odd", (m, b) -> m.arch() % 2, Direction.MINIMIZE, Cost.CHEAP, Constraint.between(0, 0));
        final EvaluationService<Integer> evaluations = new EvaluationService<>(objectives);
        final SearchResults<Integer> results;
        final Set<String> seen = new HashSet<>();
        final PyRandom rng = new PyRandom(9);

        FakeContext() {
            this(4);
        }

        FakeContext(long spaceSeed) {
            space = ConfigSearchSpace.builder(ModelFactory.of(c -> 10 * c.pickInt("x") + c.pickInt("y")),
                    new ArchParamTree(dict("x", DiscreteChoice.range(0, 10), "y", DiscreteChoice.range(0, 10))))
                    .seed(spaceSeed).build();
            results = new SearchResults<>(space, objectives);
        }

        @Override
        public DiscreteSearchSpace<Integer> space() {
            return space;
        }

        @Override
        public EvaluationService<Integer> evaluations() {
            return evaluations;
        }

        @Override
        public boolean seen(String archid) {
            return seen.contains(archid);
        }

        @Override
        public PyRandom rng() {
            return rng;
        }

        @Override
        public int iteration() {
            return 3;
        }

        @Override
        public SearchResults<Integer> results() {
            return results;
        }

        void addIteration(List<ArchaiModel<Integer>> models) {
            results.addIterationResults(models, evaluations.evalAllObjs(models));
            models.forEach(m -> seen.add(m.archid()));
        }
    }

    @Test
    void randomSamplingKeepsValidModelsAndCanSkipSeenOnes() {
        FakeContext ctx = new FakeContext();
        List<ArchaiModel<Integer>> sample = new RandomSampling<Integer>(20, 10, false).create(ctx);
        assertThat(sample).hasSize(20).allMatch(m -> m.arch() % 2 == 0);
        ctx.addIteration(sample);
        List<ArchaiModel<Integer>> unseen = new RandomSampling<Integer>(20, 10, true).create(ctx);
        assertThat(unseen).noneMatch(m -> ctx.seen(m.archid()));
        // Rounds bound the sampling: nothing is found, and nothing hangs, when no model is valid.
        FakeContext impossible = new FakeContext();
        impossible.objectives.addConstraint("never", (m, b) -> 1, Constraint.between(0, 0));
        assertThat(new RandomSampling<Integer>(5, 3, false).create(impossible)).isEmpty();
        assertThatThrownBy(() -> new RandomSampling<Integer>(5, 0, false)).hasMessageContaining("samplingRounds");
    }

    @Test
    void proxyScreeningKeepsTheBestScoreInEachGroupOfNeighbouringSizes() {
        // Size is the tens digit, the proxy the units digit: the five kept models should span the sizes and each
        // have one of the best units digits of its group.
        FakeContext ctx = new FakeContext();
        ProxyScreening<Integer> screening = new ProxyScreening<>(5, 60, (m, b) -> m.arch() % 10,
                (m, b) -> m.arch() / 10, 10);
        List<ArchaiModel<Integer>> kept = screening.create(ctx);
        assertThat(kept).hasSize(5).allMatch(m -> m.arch() % 2 == 0);
        assertThat(kept.stream().map(ArchaiModel::archid).distinct()).hasSize(5);
        List<Integer> sizes = kept.stream().map(m -> m.arch() / 10).toList();
        assertThat(sizes).isSorted();
        assertThat(sizes.get(0)).isLessThanOrEqualTo(2);
        assertThat(sizes.get(4)).isGreaterThanOrEqualTo(7);
        assertThat(kept).allMatch(m -> m.arch() % 10 >= 6);
        // Random sampling of the same seed keeps models whatever their score.
        List<ArchaiModel<Integer>> random = new RandomSampling<Integer>(5, 10, false).create(new FakeContext());
        assertThat(random.stream().mapToInt(m -> m.arch() % 10).sum())
                .isLessThan(kept.stream().mapToInt(m -> m.arch() % 10).sum());

        assertThatThrownBy(() -> new ProxyScreening<Integer>(5, 4, (m, b) -> 0, (m, b) -> 0, 10))
                .hasMessageContaining("pool is 4; expected at least the 5 models kept");
        ProxyScreening<Integer> failing = new ProxyScreening<>(2, 4, (m, b) -> {
            throw new IllegalArgumentException("no codes");
        }, (m, b) -> 0, 10);
        assertThatThrownBy(() -> failing.create(new FakeContext())).hasMessageContaining("screening ")
                .hasMessageContaining("no codes");
    }

    @Test
    void mutationRecordsItsParentAndGenerationSkipsSeenAndCanBeTurnedOff() {
        FakeContext ctx = new FakeContext();
        List<ArchaiModel<Integer>> parents = new RandomSampling<Integer>(4, 10, false).create(ctx);
        ctx.addIteration(parents);
        List<ArchaiModel<Integer>> children = new Mutation<Integer>(3, 40, Mutation.TryCounting.VALID_ATTEMPTS)
                .vary(ctx, parents);
        assertThat(children).isNotEmpty().hasSizeLessThanOrEqualTo(12);
        Set<String> parentIds = new HashSet<>(parents.stream().map(ArchaiModel::archid).toList());
        for (ArchaiModel<Integer> child : children) {
            assertThat(parentIds).contains((String) child.metadata().get("parent"));
            assertThat(child.metadata().get("generation")).isEqualTo(3);
            assertThat(ctx.seen(child.archid())).isFalse();
            assertThat(child.arch() % 2).isZero();
        }
        assertThat(children.stream().map(ArchaiModel::archid).distinct()).hasSize(children.size());
        assertThat(new Mutation<Integer>(0, 20, Mutation.TryCounting.EVERY_ATTEMPT).vary(ctx, parents)).isEmpty();
        assertThatThrownBy(() -> new Mutation<Integer>(-1, 20, Mutation.TryCounting.EVERY_ATTEMPT))
                .hasMessageContaining("mutationsPerParent is -1");
    }

    /** Size tiers over the tens digit (bands up to 2, up to 5, above), leaders by the highest units digit. */
    private static SizeTiers<Integer> tensTiers(FakeContext ctx, int leaders) {
        ctx.objectives.addObjective("tens", (m, b) -> m.arch() / 10, Direction.MINIMIZE, Cost.CHEAP, null);
        ctx.objectives.addObjective("units", (m, b) -> m.arch() % 10, Direction.MAXIMIZE, Cost.CHEAP, null);
        return new SizeTiers<>("units", "tens", List.of(5.0, 2.0), leaders);
    }

    @Test
    void sizeTiersTakeTheLeadersOfEachBandAndKeepMutationsInTheirParentsBand() {
        // Over many seeded populations, the leaders are exactly the best of each band (brute force), smallest band
        // first, ties to the earlier model; every kept mutation of a leader stays in its band.
        for (int seed = 0; seed < 60; seed++) {
            FakeContext ctx = new FakeContext(seed);
            SizeTiers<Integer> tiers = tensTiers(ctx, 2);
            Set<String> distinct = new HashSet<>();
            List<ArchaiModel<Integer>> evaluated = new RandomSampling<Integer>(15, 10, false).create(ctx).stream()
                    .filter(m -> distinct.add(m.archid())).toList();
            ctx.addIteration(evaluated);
            List<Integer> expected = new ArrayList<>();
            for (int band = 0; band < 3; band++) {
                int b = band;
                evaluated.stream().filter(m -> tiers.tier(m.arch() / 10) == b)
                        .sorted((x, y) -> Integer.compare(y.arch() % 10, x.arch() % 10)).limit(2)
                        .forEach(m -> expected.add(m.arch()));
            }
            List<ArchaiModel<Integer>> leaders = tiers.select(ctx);
            assertThat(leaders).extracting(ArchaiModel::arch).as("seed %d", seed).containsExactlyElementsOf(expected);
            Mutation<Integer> mutation = new Mutation<Integer>(2, 20, Mutation.TryCounting.VALID_ATTEMPTS)
                    .keeping(tiers);
            for (ArchaiModel<Integer> child : mutation.vary(ctx, leaders)) {
                ArchaiModel<Integer> parent = leaders.stream()
                        .filter(m -> m.archid().equals(child.metadata().get("parent"))).findFirst().orElseThrow();
                assertThat(tiers.tier(child.arch() / 10)).as("seed %d", seed).isEqualTo(tiers.tier(parent.arch() / 10));
            }
        }
    }

    @Test
    void stratifiedSamplingGivesEachBandAnEqualShareAndTopsUpABandTheSpaceMisses() {
        for (int seed = 0; seed < 30; seed++) {
            FakeContext ctx = new FakeContext(seed);
            SizeTiers<Integer> tiers = tensTiers(ctx, 1);
            List<ArchaiModel<Integer>> sample = new StratifiedSampling<>(10, tiers, 20).create(ctx);
            assertThat(sample).hasSize(10).allMatch(m -> m.arch() % 2 == 0);
            assertThat(sample.stream().map(ArchaiModel::archid).distinct()).hasSize(10);
            // Bands of 3, 3 and 4 tens digits: plain sampling would give them 3, 3 and 4 on average; here the first
            // band gets one more (10 = 4 + 3 + 3).
            assertThat(List.of(0, 1, 2).stream().map(band -> sample.stream()
                    .filter(m -> tiers.tier(m.arch() / 10) == band).count())).as("seed %d", seed)
                    .containsExactly(4L, 3L, 3L);
        }
        FakeContext ctx = new FakeContext();
        tensTiers(ctx, 1);
        SizeTiers<Integer> unreachable = new SizeTiers<>("units", "tens", List.of(-1.0), 1);
        List<ArchaiModel<Integer>> sample = new StratifiedSampling<>(6, unreachable, 20).create(ctx);
        assertThat(sample).hasSize(6).allMatch(m -> unreachable.tier(m.arch() / 10) == 1);
    }

    @Test
    void coveredSamplingKeepsThePlainDrawsAndTopsUpOnlyTheBandsShortOfTheirLeaders() {
        int topped = 0;
        for (int seed = 0; seed < 40; seed++) {
            FakeContext plainCtx = new FakeContext(seed);
            List<ArchaiModel<Integer>> plain = new RandomSampling<Integer>(4, 20, false).create(plainCtx);
            FakeContext ctx = new FakeContext(seed);
            tensTiers(ctx, 1);
            // Tens digit 0 is a band of a tenth of the space (half of it odd, so invalid): four plain draws often
            // miss it.
            SizeTiers<Integer> tiers = new SizeTiers<>("units", "tens", List.of(0.0, 5.0), 2,
                    SizeTiers.Sampling.COVERED);
            List<ArchaiModel<Integer>> sample = tiers.randomModels(4, 200).create(ctx);
            assertThat(sample.subList(0, 4)).extracting(ArchaiModel::archid).as("seed %d", seed)
                    .containsExactlyElementsOf(plain.stream().map(ArchaiModel::archid).toList());
            assertThat(sample).allMatch(m -> m.arch() % 2 == 0);
            // The plain draws may repeat (as plain sampling does); what the top-up adds is new.
            List<String> added = sample.subList(4, sample.size()).stream().map(ArchaiModel::archid).toList();
            assertThat(added).doesNotHaveDuplicates().doesNotContainAnyElementsOf(
                    plain.stream().map(ArchaiModel::archid).toList());
            for (int band = 0; band < 3; band++) {
                int b = band;
                long before = plain.stream().filter(m -> tiers.tier(m.arch() / 10) == b).count();
                long after = sample.stream().filter(m -> tiers.tier(m.arch() / 10) == b).count();
                assertThat(after).as("seed %d, band %d", seed, band).isEqualTo(Math.max(before, 2));
            }
            topped += sample.size() > 4 ? 1 : 0;
        }
        assertThat(topped).as("seeds whose plain draws left a band short").isGreaterThan(20);
        FakeContext ctx = new FakeContext();
        tensTiers(ctx, 1);
        SizeTiers<Integer> unreachable = new SizeTiers<>("units", "tens", List.of(-1.0), 1, SizeTiers.Sampling.COVERED);
        assertThat(unreachable.randomModels(6, 20).create(ctx)).hasSize(6);
    }

    private static ArchaiModel<Integer> sampled(FakeContext ctx, int arch) {
        for (int i = 0; i < 10_000; i++) {
            ArchaiModel<Integer> m = ctx.space.randomSample();
            if (m.arch() == arch) {
                return m;
            }
        }
        throw new AssertionError("no model " + arch);
    }

    @Test
    void sizeTiersBandsAndBadInput() {
        FakeContext ctx = new FakeContext();
        SizeTiers<Integer> tiers = tensTiers(ctx, 1);
        assertThat(List.of(0, 2, 3, 5, 6, 9).stream().map(t -> tiers.tier(t))).containsExactly(0, 0, 1, 1, 2, 2);
        // A band without models has no leader; a mutation leaving its band is refused.
        ArchaiModel<Integer> small = sampled(ctx, 17);
        ArchaiModel<Integer> large = sampled(ctx, 83);
        ctx.addIteration(List.of(small, large));
        assertThat(tiers.select(ctx)).extracting(ArchaiModel::arch).containsExactly(17, 83);
        assertThat(tiers.accepts(ctx, small, sampled(ctx, 20))).isTrue();
        assertThat(tiers.accepts(ctx, small, sampled(ctx, 30))).isFalse();
        assertThatThrownBy(() -> new SizeTiers<Integer>("units", "tens", List.of(), 1))
                .hasMessageContaining("expected at least one finite number");
        assertThatThrownBy(() -> new SizeTiers<Integer>("units", "tens", List.of(1.0), 0))
                .hasMessageContaining("leadersPerTier");
        assertThatThrownBy(() -> new SizeTiers<Integer>("units", "width", List.of(1.0), 1).select(ctx))
                .hasMessageContaining("no objective 'width'");
    }

    @Test
    void everyAttemptCountingStopsAtThePatience() {
        FakeContext ctx = new FakeContext();
        ctx.objectives.addConstraint("never", (m, b) -> 1, Constraint.between(0, 0));
        ArchaiModel<Integer> parent = ctx.space.randomSample();
        int[] mutations = {0};
        BreedingContext<Integer> counting = new Delegating(ctx) {
            @Override
            public org.archai4j.space.EvolutionarySearchSpace<Integer> evolutionarySpace() {
                mutations[0]++;
                return ctx.space;
            }
        };
        assertThat(new Mutation<Integer>(1, 7, Mutation.TryCounting.EVERY_ATTEMPT).vary(counting, List.of(parent)))
                .isEmpty();
        assertThat(mutations[0]).isEqualTo(7);
        mutations[0] = 0;
        assertThat(new Mutation<Integer>(1, 2, Mutation.TryCounting.VALID_ATTEMPTS).vary(counting, List.of(parent)))
                .isEmpty();
        assertThat(mutations[0]).as("invalid attempts bounded too").isEqualTo(2 * Mutation.INVALID_ATTEMPTS_PER_TRY);
    }

    @Test
    void crossoverNamesBothParentsAndNeedsTwo() {
        FakeContext ctx = new FakeContext();
        List<ArchaiModel<Integer>> parents = new RandomSampling<Integer>(5, 10, false).create(ctx);
        List<ArchaiModel<Integer>> children = new Crossover<Integer>(6, 30).vary(ctx, parents);
        assertThat(children).isNotEmpty();
        Set<String> ids = new HashSet<>(parents.stream().map(ArchaiModel::archid).toList());
        for (ArchaiModel<Integer> child : children) {
            String[] pair = ((String) child.metadata().get("parents")).split(",");
            assertThat(ids).contains(pair[0], pair[1]);
            assertThat(pair[0]).isNotEqualTo(pair[1]);
        }
        assertThat(new Crossover<Integer>(6, 30).vary(ctx, parents.subList(0, 1))).isEmpty();
    }

    @Test
    void shuffleTruncationShufflesWithTheSearchRandomSourceAndCaps() {
        FakeContext ctx = new FakeContext();
        List<ArchaiModel<Integer>> offspring = new RandomSampling<Integer>(10, 10, false).create(ctx);
        List<ArchaiModel<Integer>> expected = new ArrayList<>(offspring);
        new PyRandom(9).shuffle(expected);
        assertThat(new ShuffleTruncation<Integer>(4).survive(ctx, offspring)).containsExactlyElementsOf(
                expected.subList(0, 4));
        assertThatThrownBy(() -> new ShuffleTruncation<Integer>(0)).hasMessageContaining("expected a positive");
    }

    @Test
    void parzenScoreContrastsEachBandsBestModelsWithTheRest() {
        FakeContext ctx = new FakeContext();
        SizeTiers<Integer> tiers = tensTiers(ctx, 1);
        ParzenScore<Integer> parzen = new ParzenScore<>(tiers, null, 0.25);
        assertThat(parzen.fit(ctx).applyAsDouble(sampled(ctx, 18))).as("nothing evaluated yet").isZero();
        // Band 0 (tens <= 2) holds 18, 12, 10, 14: the best quarter by units is 18, the rest 12, 10, 14. Encoded
        // values (x, y): x = 1 everywhere (1 value seen, 2 possible), y in {8} against {2, 0, 4} (4 seen, 5).
        ctx.addIteration(List.of(sampled(ctx, 18), sampled(ctx, 12), sampled(ctx, 10), sampled(ctx, 14)));
        var score = parzen.fit(ctx);
        double x = Math.log(2.0 / 3) - Math.log(4.0 / 5);
        assertThat(score.applyAsDouble(sampled(ctx, 18))).isCloseTo(x + Math.log(2.0 / 6) - Math.log(1.0 / 8),
                within(1e-12));
        assertThat(score.applyAsDouble(sampled(ctx, 16))).as("y = 6 seen in neither group")
                .isCloseTo(x + Math.log(1.0 / 6) - Math.log(1.0 / 8), within(1e-12));
        assertThat(score.applyAsDouble(sampled(ctx, 12))).isCloseTo(x + Math.log(1.0 / 6) - Math.log(2.0 / 8),
                within(1e-12));
        // Over many seeded populations, in every band, a model with the best units digit of its band outscores
        // one with the worst (all of a band's values of y are counted against each other).
        for (int seed = 0; seed < 30; seed++) {
            FakeContext c = new FakeContext(seed);
            SizeTiers<Integer> t = tensTiers(c, 1);
            Set<String> distinct = new HashSet<>();
            c.addIteration(new RandomSampling<Integer>(40, 10, false).create(c).stream()
                    .filter(m -> distinct.add(m.archid())).toList());
            var fitted = new ParzenScore<>(t, null, 0.25).fit(c);
            for (int tens : List.of(1, 4, 8)) {
                assertThat(fitted.applyAsDouble(sampled(c, 10 * tens + 8)))
                        .as("seed %d, tens %d", seed, tens).isGreaterThan(fitted.applyAsDouble(sampled(c, 10 * tens)));
            }
        }
        assertThatThrownBy(() -> new ParzenScore<>(tiers, null, 1.0)).hasMessageContaining("gamma is 1.0");
    }

    @Test
    void screenedMutationKeepsEachParentsMostPromisingCandidates() {
        // Two identical contexts: one shows the candidates the mutation makes, the other what screening keeps.
        for (int seed = 0; seed < 20; seed++) {
            FakeContext made = new FakeContext(seed);
            FakeContext screened = new FakeContext(seed);
            List<ArchaiModel<Integer>> parentsMade = List.of(sampled(made, 24), sampled(made, 70));
            List<ArchaiModel<Integer>> parents = List.of(sampled(screened, 24), sampled(screened, 70));
            Mutation<Integer> candidates = new Mutation<>(6, 20, Mutation.TryCounting.VALID_ATTEMPTS);
            List<ArchaiModel<Integer>> all = candidates.vary(made, parentsMade);
            List<ArchaiModel<Integer>> kept = new ScreenedMutation<>(candidates,
                    context -> m -> m.arch() % 10, 2).vary(screened, parents);
            List<Integer> expected = new ArrayList<>();
            for (ArchaiModel<Integer> parent : parentsMade) {
                all.stream().filter(m -> parent.archid().equals(m.metadata().get("parent")))
                        .sorted((a, b) -> Integer.compare(b.arch() % 10, a.arch() % 10)).limit(2)
                        .forEach(m -> expected.add(m.arch()));
            }
            assertThat(kept).extracting(ArchaiModel::arch).as("seed %d", seed).containsExactlyElementsOf(expected);
            assertThat(kept).allMatch(m -> m.metadata().get("parent") != null);
        }
        assertThatThrownBy(() -> new ScreenedMutation<Integer>(new Mutation<>(4, 20,
                Mutation.TryCounting.VALID_ATTEMPTS), context -> m -> 0, 0)).hasMessageContaining("keepPerParent");
    }

    @Test
    void parentSelectionsChooseFromTheResults() {
        FakeContext ctx = new FakeContext();
        List<ArchaiModel<Integer>> evaluated = new RandomSampling<Integer>(12, 10, false).create(ctx);
        ctx.addIteration(evaluated);
        int smallest = evaluated.stream().mapToInt(ArchaiModel::arch).min().orElseThrow();
        assertThat(new ParetoParents<Integer>().select(ctx)).extracting(ArchaiModel::arch).containsOnly(smallest);
        List<ArchaiModel<Integer>> ranked = new NonDominatedParents<Integer>(5).select(ctx);
        assertThat(ranked).hasSize(5);
        assertThat(ranked.get(0).arch()).isEqualTo(smallest);
        List<ArchaiModel<Integer>> window = new WindowTournament<Integer>(4, 6).select(ctx);
        assertThat(window).isNotEmpty();
        assertThat(evaluated.subList(6, 12)).containsAll(window);
    }

    /** A context that forwards everything to another. */
    private static class Delegating implements BreedingContext<Integer> {
        private final BreedingContext<Integer> to;

        Delegating(BreedingContext<Integer> to) {
            this.to = to;
        }

        @Override
        public DiscreteSearchSpace<Integer> space() {
            return to.space();
        }

        @Override
        public EvaluationService<Integer> evaluations() {
            return to.evaluations();
        }

        @Override
        public boolean seen(String archid) {
            return to.seen(archid);
        }

        @Override
        public PyRandom rng() {
            return to.rng();
        }

        @Override
        public int iteration() {
            return to.iteration();
        }

        @Override
        public SearchResults<Integer> results() {
            return to.results();
        }
    }

    @Test
    void checksNameTheParameter() {
        assertThat(Checks.positive("n", 1)).isEqualTo(1);
        assertThat(Checks.nonNegative("n", 0)).isZero();
        assertThatThrownBy(() -> Checks.positive("numIters", 0)).hasMessage("numIters is 0; expected a positive number");
    }
}
