package org.archai4j.cli.report;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.tribuo.Example;
import org.tribuo.Model;
import org.tribuo.MutableDataset;
import org.tribuo.common.tree.RandomForestTrainer;
import org.tribuo.impl.ArrayExample;
import org.tribuo.provenance.SimpleDataSourceProvenance;
import org.tribuo.regression.RegressionFactory;
import org.tribuo.regression.Regressor;
import org.tribuo.regression.ensemble.AveragingCombiner;
import org.tribuo.regression.rtree.CARTRegressionTrainer;
import org.tribuo.regression.rtree.impurity.MeanSquaredError;

/**
 * Which architecture parameters an objective depends on: a random forest (Tribuo's, 64 CART trees on bootstrap
 * samples, half the parameters tried at each split) learns the objective from the parameters, then each parameter's
 * importance is how much the forest's squared error grows when that parameter's column is shuffled (permutation
 * importance), as a share of the total. Seeded, so the same run gives the same importances.
 *
 * <pre>{@code
 * Map<String, Double> importance = ParameterImportance.of(parameters, accuracies, 1);
 * }</pre>
 */
public final class ParameterImportance {
    /** Tribuo logs each tree it builds at INFO through java.util.logging; held so that the level sticks. */
    private static final Logger TRIBUO_LOG = Logger.getLogger("org.tribuo");

    static {
        TRIBUO_LOG.setLevel(Level.WARNING);
    }

    /** Fewer models than this say nothing about importance. */
    public static final int MIN_MODELS = 8;

    private ParameterImportance() {
    }

    /**
     * The share of importance of each parameter for {@code target} (NaN targets are left out), largest first; empty
     * with fewer than {@link #MIN_MODELS} models.
     */
    public static Map<String, Double> of(ArchParameters parameters, double[] target, long seed) {
        if (target.length != parameters.rows().size()) {
            throw new IllegalArgumentException(target.length + " targets for " + parameters.rows().size()
                    + " models; expected one each");
        }
        List<Integer> rows = new ArrayList<>();
        for (int i = 0; i < target.length; i++) {
            if (!Double.isNaN(target[i])) {
                rows.add(i);
            }
        }
        List<String> names = parameters.names();
        if (rows.size() < MIN_MODELS || names.isEmpty()) {
            return Map.of();
        }
        RegressionFactory factory = new RegressionFactory();
        MutableDataset<Regressor> data = new MutableDataset<>(new SimpleDataSourceProvenance("archai4j run",
                factory), factory);
        String[] features = names.stream().map(n -> "p" + names.indexOf(n)).toArray(String[]::new);
        double[][] x = new double[rows.size()][];
        double[] y = new double[rows.size()];
        for (int r = 0; r < rows.size(); r++) {
            x[r] = parameters.rows().get(rows.get(r)).clone();
            for (int k = 0; k < x[r].length; k++) {
                x[r][k] = Double.isNaN(x[r][k]) ? -1 : x[r][k];
            }
            y[r] = target[rows.get(r)];
            data.add(example(features, x[r], y[r]));
        }
        CARTRegressionTrainer tree = new CARTRegressionTrainer(Integer.MAX_VALUE, 2f, 0f, 0.5f,
                new MeanSquaredError(), seed);
        Model<Regressor> forest = new RandomForestTrainer<>(tree, new AveragingCombiner(), 64, seed).train(data);
        double base = error(forest, features, x, y);
        Random random = new Random(seed);
        double[] increase = new double[names.size()];
        for (int k = 0; k < names.size(); k++) {
            double[][] shuffled = new double[x.length][];
            for (int r = 0; r < x.length; r++) {
                shuffled[r] = x[r].clone();
            }
            int[] order = permutation(x.length, random);
            for (int r = 0; r < x.length; r++) {
                shuffled[r][k] = x[order[r]][k];
            }
            increase[k] = Math.max(0, error(forest, features, shuffled, y) - base);
        }
        double total = Arrays.stream(increase).sum();
        Map<String, Double> out = new LinkedHashMap<>();
        Integer[] byImportance = new Integer[names.size()];
        for (int k = 0; k < byImportance.length; k++) {
            byImportance[k] = k;
        }
        Arrays.sort(byImportance, (a, b) -> Double.compare(increase[b], increase[a]));
        for (int k : byImportance) {
            out.put(names.get(k), total > 0 ? increase[k] / total : 0.0);
        }
        return out;
    }

    private static Example<Regressor> example(String[] features, double[] x, double y) {
        return new ArrayExample<>(new Regressor("objective", y), features, x);
    }

    private static double error(Model<Regressor> forest, String[] features, double[][] x, double[] y) {
        double sum = 0;
        for (int r = 0; r < x.length; r++) {
            double predicted = forest.predict(example(features, x[r], 0)).getOutput().getValues()[0];
            sum += (predicted - y[r]) * (predicted - y[r]);
        }
        return sum / x.length;
    }

    private static int[] permutation(int n, Random random) {
        int[] p = new int[n];
        for (int i = 0; i < n; i++) {
            p[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = p[i];
            p[i] = p[j];
            p[j] = t;
        }
        return p;
    }
}
