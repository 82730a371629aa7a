package org.archai4j.examples;

import java.util.ArrayList;
import java.util.List;

/**
 * A PyTorch-like description of a network layer that prints like {@code nn.Module.__repr__}: what the seed
 * walkthrough shows where the notebook prints a model (the networks themselves are {@link SeedNetworks}).
 *
 * <pre>{@code
 * Layer net = Layer.sequential(Layer.conv2d(3, 8, 3, 4, "1"), Layer.batchNorm2d(8), Layer.relu());
 * net.toString();   // Sequential(\n  (0): Conv2d(3, 8, kernel_size=(3, 3), stride=(4, 4), padding=(1, 1))...
 * }</pre>
 */
public final class Layer {
    private final String name;
    private final String args;
    private final List<String> childNames = new ArrayList<>();
    private final List<Layer> children = new ArrayList<>();

    private Layer(String name, String args) {
        this.name = name;
        this.args = args;
    }

    /** A container printed as {@code name(...)} with named children, applied in order. */
    public static Layer module(String name) {
        return new Layer(name, null);
    }

    /** {@code nn.Sequential(*layers)}. */
    public static Layer sequential(List<Layer> layers) {
        Layer seq = module("Sequential");
        for (int i = 0; i < layers.size(); i++) {
            seq.add(Integer.toString(i), layers.get(i));
        }
        return seq;
    }

    /** {@code nn.Sequential(*layers)}. */
    public static Layer sequential(Layer... layers) {
        return sequential(List.of(layers));
    }

    /** Adds a named child (builder style). */
    public Layer add(String childName, Layer child) {
        childNames.add(childName);
        children.add(child);
        return this;
    }

    /**
     * {@code nn.Conv2d(in, out, kernel_size=k, stride=s, padding=p)}; padding is a number or {@code "same"}.
     */
    public static Layer conv2d(int in, int out, int k, int stride, String padding) {
        boolean same = padding.equals("same");
        int p = same ? 0 : Integer.parseInt(padding);
        String paddingRepr = same ? "padding=same" : p == 0 ? null : "padding=(" + p + ", " + p + ")";
        String args = in + ", " + out + ", kernel_size=(" + k + ", " + k + "), stride=(" + stride + ", " + stride + ")"
                + (paddingRepr == null ? "" : ", " + paddingRepr);
        return new Layer("Conv2d", args);
    }

    /** {@code nn.BatchNorm2d(ch)}. */
    public static Layer batchNorm2d(int ch) {
        return new Layer("BatchNorm2d", ch + ", eps=1e-05, momentum=0.1, affine=True, track_running_stats=True");
    }

    /** {@code nn.ReLU()}. */
    public static Layer relu() {
        return new Layer("ReLU", "");
    }

    /** PyTorch's module repr. */
    @Override
    public String toString() {
        if (args != null) {
            return name + "(" + args + ")";
        }
        StringBuilder out = new StringBuilder(name).append('(');
        for (int i = 0; i < children.size(); i++) {
            String child = children.get(i).toString().replace("\n", "\n  ");
            out.append("\n  (").append(childNames.get(i)).append("): ").append(child);
        }
        return out.append(children.isEmpty() ? ")" : "\n)").toString();
    }
}
