package com.example;

import static org.archai4j.config.ParamTrees.dict;
import static org.archai4j.config.ParamTrees.repeatConfig;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import ai.djl.Device;
import ai.djl.ndarray.types.Shape;
import org.archai4j.algos.RandomSearch;
import org.archai4j.config.ArchParamTree;
import org.archai4j.config.DiscreteChoice;
import org.archai4j.djl.DjlNetwork;
import org.archai4j.djl.evaluators.DjlMacs;
import org.archai4j.djl.evaluators.DjlNumParameters;
import org.archai4j.djl.models.MlpClassifier;
import org.archai4j.objectives.Cost;
import org.archai4j.objectives.Direction;
import org.archai4j.objectives.SearchObjectives;
import org.archai4j.search.SearchResults;
import org.archai4j.space.ConfigSearchSpace;

/**
 * archai4j from another Maven project: a space of MLPs for 20 features and 4 classes, defined in code, searched at
 * random for the smallest and cheapest networks (parameters and MACs, measured without training).
 */
public final class SmallestGoodNetwork {
    private SmallestGoodNetwork() {
    }

    public static void main(String[] args) throws Exception {
        // dict(...) keeps the order parameters are written in, as a Python dict does.
        ArchParamTree tree = new ArchParamTree(dict(
                "activation", DiscreteChoice.of("relu", "gelu"),
                "layers", repeatConfig(dict(
                        "units", DiscreteChoice.of(8, 16, 32),
                        "batch_norm", DiscreteChoice.of(true, false),
                        "dropout", DiscreteChoice.of(0.0, 0.1)), List.of(1, 2, 3), false)));
        ConfigSearchSpace<DjlNetwork> space = ConfigSearchSpace.<DjlNetwork>builder(
                (config, kwargs) -> new DjlNetwork(MlpClassifier.block(config, 4), new Shape(20), Device.cpu(), 0),
                tree).seed(1).build();
        SearchObjectives<DjlNetwork> objectives = new SearchObjectives<DjlNetwork>()
                .addObjective("parameters", new DjlNumParameters(), Direction.MINIMIZE, Cost.CHEAP)
                .addObjective("macs", DjlMacs.macs(), Direction.MINIMIZE, Cost.CHEAP);
        Path out = Files.createTempDirectory("archai4j-example");
        SearchResults<DjlNetwork> results = RandomSearch.builder(space, objectives, out).numIters(2)
                .samplesPerIter(5).seed(1).build().search();
        System.out.println("Pareto frontier: " + results.getParetoFrontier().archids());
    }
}
