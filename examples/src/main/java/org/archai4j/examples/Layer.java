package org.archai4j.examples;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A PyTorch-like description of a network layer: it prints like {@code nn.Module.__repr__} and computes output
 * shapes, which is all the seed walkthrough needs to show its cells without a deep-learning engine.
 *
 * <pre>{@code
 * Layer net = Layer.sequential(Layer.conv2d(3, 8, 3, 4, "1"), Layer.batchNorm2d(8), Layer.relu());
 * net.outputShape(new int[] {2, 3, 64, 64});   // [2, 8, 16, 16]
 * }</pre>
 */
public final class Layer {
    /** How a layer maps an NCHW shape. */
    @FunctionalInterface
    private interface ShapeFn {
        int[] apply(int[] nchw);
    }

    private final String name;
    private final String args;
    private final List<String> childNames = new ArrayList<>();
    private final List<Layer> children = new ArrayList<>();
    private final ShapeFn shape;

    private Layer(String name, String args, ShapeFn shape) {
        this.name = name;
        this.args = args;
        this.shape = shape;
    }

    /** A container printed as {@code name(...)} with named children, applied in order. */
    public static Layer module(String name) {
        return new Layer(name, null, null);
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
        return new Layer("Conv2d", args, s -> {
            int h = same ? s[2] : (s[2] + 2 * p - k) / stride + 1;
            int w = same ? s[3] : (s[3] + 2 * p - k) / stride + 1;
            return new int[] {s[0], out, h, w};
        });
    }

    /** {@code nn.BatchNorm2d(ch)}. */
    public static Layer batchNorm2d(int ch) {
        return new Layer("BatchNorm2d", ch + ", eps=1e-05, momentum=0.1, affine=True, track_running_stats=True",
                s -> s);
    }

    /** {@code nn.ReLU()}. */
    public static Layer relu() {
        return new Layer("ReLU", "", s -> s);
    }

    /** {@code nn.GELU()}. */
    public static Layer gelu() {
        return new Layer("GELU", "approximate='none'", s -> s);
    }

    /** {@code nn.MaxPool2d(kernel_size=k)} (stride k, as in PyTorch). */
    public static Layer maxPool2d(int k) {
        return new Layer("MaxPool2d", "kernel_size=" + k + ", stride=" + k + ", padding=0, dilation=1, "
                + "ceil_mode=False", s -> new int[] {s[0], s[1], (s[2] - k) / k + 1, (s[3] - k) / k + 1});
    }

    /** The output shape for an NCHW input. */
    public int[] outputShape(int[] input) {
        if (shape != null) {
            return shape.apply(input);
        }
        int[] s = input;
        for (Layer child : children) {
            s = child.outputShape(s);
        }
        return s;
    }

    /** {@code torch.Size([...])} of the output for an NCHW input. */
    public String torchSize(int... input) {
        return "torch.Size([" + java.util.Arrays.stream(outputShape(input)).mapToObj(Integer::toString)
                .collect(Collectors.joining(", ")) + "])";
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
