package org.archai4j.djl.export;

import java.lang.reflect.Field;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.LambdaBlock;
import ai.djl.nn.Parameter;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.nn.norm.Dropout;
import ai.onnx.proto.OnnxMl;
import com.google.protobuf.ByteString;
import org.archai4j.djl.data.Normalization;
import org.archai4j.djl.nn.EnsembleBlock;
import org.archai4j.djl.nn.MaxPool;
import org.archai4j.onnx.OnnxMetadata;

/**
 * A trained DJL network as an ONNX model (opset {@value #OPSET}): its weights, batch norm as
 * {@code BatchNormalization} in inference mode (ONNX Runtime folds it into the convolution before it when it loads
 * the model), the input normalisation as the graph's first two nodes, and two outputs, probabilities (softmax) and
 * logits, over a dynamic batch dimension ({@link OnnxMetadata} states the contract).
 *
 * <p>It knows the layers archai4j builds networks from: {@code SequentialBlock}, {@code Conv2d}, {@code BatchNorm}
 * (axis 1), {@code Linear}, {@code Dropout} (nothing at inference), archai4j's {@link MaxPool}, global average and
 * max pooling, flattening, the activations ReLU, ReLU6, GELU, sigmoid, tanh, SELU, Mish and Swish, and
 * {@link EnsembleBlock}s of such networks. Any other layer is refused with an error naming it.
 *
 * <p>Why by hand: DJL cannot export a trained model to ONNX, and PyTorch's exporter is a Python API; these few
 * operators are written with the ONNX protobuf classes ({@code ai.onnx.proto.OnnxMl}, from Tribuo).
 *
 * <pre>{@code
 * byte[] onnx = OnnxExport.toBytes(net.block(), new Shape(1, 28, 28), Normalization.NONE, null);
 * }</pre>
 */
public final class OnnxExport {
    /** The ONNX operator set: the newest that Debian's ONNX checker (1.12) knows. */
    public static final int OPSET = 17;
    private static final int IR_VERSION = 8;
    private static final int FLOAT = OnnxMl.TensorProto.DataType.FLOAT_VALUE;

    private final OnnxMl.GraphProto.Builder graph = OnnxMl.GraphProto.newBuilder().setName("archai4j");
    private int counter;

    private OnnxExport() {
    }

    /**
     * The ONNX model of {@code block}, initialised for inputs of {@code sampleShape} (without the batch).
     *
     * @param normalization applied to the input first
     * @param metadata written in the model's metadata properties; null for none
     * @throws IllegalArgumentException naming the first layer with no ONNX mapping
     */
    public static byte[] toBytes(Block block, Shape sampleShape, Normalization normalization, OnnxMetadata metadata) {
        if (!block.isInitialized()) {
            throw new IllegalArgumentException("the network is not initialised: it has no weights to export");
        }
        OnnxExport export = new OnnxExport();
        Shape shape = new Shape(1).addAll(sampleShape);
        String x = export.normalized(OnnxMetadata.INPUT, sampleShape, normalization);
        x = export.layer(block, "network", x, shape);
        Shape out = block.getOutputShapes(new Shape[] {shape})[0];
        if (out.dimension() != 2) {
            throw new IllegalArgumentException("the network's output has shape " + out + "; expected (batch, "
                    + "classes) to export");
        }
        export.node("Identity", List.of(x), OnnxMetadata.LOGITS, Map.of());
        export.node("Softmax", List.of(OnnxMetadata.LOGITS), OnnxMetadata.PROBABILITIES, Map.of("axis", -1L));
        export.graph.addInput(valueInfo(OnnxMetadata.INPUT, sampleShape));
        export.graph.addOutput(valueInfo(OnnxMetadata.PROBABILITIES, new Shape(out.get(1))));
        export.graph.addOutput(valueInfo(OnnxMetadata.LOGITS, new Shape(out.get(1))));
        OnnxMl.ModelProto.Builder model = OnnxMl.ModelProto.newBuilder().setIrVersion(IR_VERSION)
                .setProducerName("archai4j").setProducerVersion(Objects.requireNonNullElse(
                        OnnxExport.class.getPackage().getImplementationVersion(), "dev"))
                .addOpsetImport(OnnxMl.OperatorSetIdProto.newBuilder().setDomain("").setVersion(OPSET))
                .setDocString("input: float32 [batch, " + sampleShape.toString().replaceAll("[()]", "")
                        + "]; outputs: probabilities (softmax) and logits, [batch, classes]")
                .setGraph(export.graph);
        if (metadata != null) {
            metadata.toProperties().forEach((k, v) -> model.addMetadataProps(
                    OnnxMl.StringStringEntryProto.newBuilder().setKey(k).setValue(v)));
        }
        return model.build().toByteArray();
    }

    /** The input after {@code (x - mean) / std}, broadcast as {@link Normalization#apply} does. */
    private String normalized(String x, Shape sampleShape, Normalization normalization) {
        if (normalization.isNone()) {
            return x;
        }
        // The means cover a leading run of the sample's axes; the rest broadcast (per channel: (C, 1, 1)).
        int groups = normalization.mean().length;
        long[] shape = new long[sampleShape.dimension()];
        long product = 1;
        for (int i = 0; i < shape.length; i++) {
            shape[i] = product < groups ? sampleShape.get(i) : 1;
            product *= shape[i];
        }
        if (product != groups) {
            throw new IllegalArgumentException(groups + " means for inputs of shape " + sampleShape + "; expected "
                    + "one per channel or feature");
        }
        String centred = node("Sub", List.of(x, initializer("mean", normalization.mean(), shape)), "centred",
                Map.of());
        return node("Div", List.of(centred, initializer("std", normalization.std(), shape)), "normalized", Map.of());
    }

    /** Adds {@code block}'s nodes on input {@code x} of shape {@code shape}; returns its output's name. */
    private String layer(Block block, String path, String x, Shape shape) {
        if (block instanceof SequentialBlock sequential) {
            Shape current = shape;
            for (var child : sequential.getChildren()) {
                x = layer(child.getValue(), path + "/" + child.getKey(), x, current);
                current = child.getValue().getOutputShapes(new Shape[] {current})[0];
            }
            return x;
        }
        if (block instanceof EnsembleBlock ensemble) {
            // The members' graphs on the same input, their probabilities averaged, as logits again (log).
            List<String> probabilities = new ArrayList<>();
            for (int i = 0; i < ensemble.members().size(); i++) {
                String logits = layer(ensemble.members().get(i), path + "/member" + i, x, shape);
                probabilities.add(node("Softmax", List.of(logits), path + "/member" + i + "/softmax",
                        Map.of("axis", -1L)));
            }
            return node("Log", List.of(node("Mean", probabilities, path + "/mean", Map.of())), path, Map.of());
        }
        if (block instanceof Conv2d conv) {
            String w = weights(block, "weight", path);
            List<String> inputs = conv.isIncludeBias() ? List.of(x, w, weights(block, "bias", path)) : List.of(x, w);
            long[] pad = conv.getPadding().getShape();
            return node("Conv", inputs, path, Map.of("kernel_shape", conv.getKernelShape().getShape(),
                    "strides", conv.getStride().getShape(), "pads", new long[] {pad[0], pad[1], pad[0], pad[1]},
                    "dilations", conv.getDilation().getShape(), "group", (long) conv.getGroups()));
        }
        if (block instanceof BatchNorm) {
            return batchNorm(block, path, x);
        }
        if (block instanceof Linear) {
            return linear(block, path, x, shape);
        }
        if (block instanceof Dropout) {
            return x;
        }
        if (block instanceof MaxPool pool) {
            long k = pool.kernelSize();
            long s = pool.stride();
            return node("MaxPool", List.of(x), path, Map.of("kernel_shape", new long[] {k, k},
                    "strides", new long[] {s, s}, "pads", new long[] {0, 0, 0, 0}));
        }
        if (block instanceof LambdaBlock lambda && block.getClass() == LambdaBlock.class) {
            return lambda(lambda.getName(), path, x, block.getOutputShapes(new Shape[] {shape})[0]);
        }
        throw unmapped(block, path);
    }

    private String lambda(String name, String path, String x, Shape out) {
        return switch (name) {
            case "identity" -> x;
            case "ReLU" -> node("Relu", List.of(x), path, Map.of());
            case "sigmoid" -> node("Sigmoid", List.of(x), path, Map.of());
            case "Tanh" -> node("Tanh", List.of(x), path, Map.of());
            // ONNX's Selu defaults are PyTorch's constants.
            case "SELU" -> node("Selu", List.of(x), path, Map.of());
            case "ReLU6" -> node("Clip", List.of(x, scalar(path + "/min", 0f), scalar(path + "/max", 6f)), path,
                    Map.of());
            // PyTorch's exact GELU: x * (1 + erf(x / sqrt(2))) / 2 (ONNX's Gelu operator needs opset 20).
            case "GELU" -> {
                String erf = node("Erf", List.of(node("Div", List.of(x, scalar(path + "/sqrt2",
                        (float) Math.sqrt(2))), path + "/scaled", Map.of())), path + "/erf", Map.of());
                String one = node("Add", List.of(erf, scalar(path + "/one", 1f)), path + "/plus1", Map.of());
                String half = node("Mul", List.of(x, scalar(path + "/half", 0.5f)), path + "/half", Map.of());
                yield node("Mul", List.of(half, one), path, Map.of());
            }
            // DJL's Mish, as trained: x * tanh(log2(1 + exp(x))), a base-2 softplus (Mish proper uses ln).
            case "Mish" -> {
                String softplus2 = node("Div", List.of(node("Softplus", List.of(x), path + "/softplus", Map.of()),
                        scalar(path + "/ln2", (float) Math.log(2))), path + "/softplus2", Map.of());
                yield node("Mul", List.of(x, node("Tanh", List.of(softplus2), path + "/tanh", Map.of())), path,
                        Map.of());
            }
            case "Swish" -> node("Mul", List.of(x, node("Sigmoid", List.of(x), path + "/sigmoid", Map.of())), path,
                    Map.of());
            case "batchFlatten" -> node("Flatten", List.of(x), path, Map.of("axis", 1L));
            case "globalAvgPool2d", "globalMaxPool2d" -> {
                String pooled = node(name.equals("globalAvgPool2d") ? "GlobalAveragePool" : "GlobalMaxPool",
                        List.of(x), path + "/pool", Map.of());
                // DJL drops the 1 x 1 spatial axes, ONNX keeps them.
                yield out.dimension() == 2 ? node("Flatten", List.of(pooled), path, Map.of("axis", 1L)) : pooled;
            }
            default -> throw new IllegalArgumentException("layer " + path + " ('" + name + "', a LambdaBlock) has no "
                    + "ONNX mapping; expected one of the layers OnnxExport lists");
        };
    }

    private String batchNorm(Block block, String path, String x) {
        if (intField(block, "axis") != 1) {
            throw new IllegalArgumentException("layer " + path + " (BatchNorm over axis " + intField(block, "axis")
                    + ") has no ONNX mapping; expected batch norm over axis 1, the channels");
        }
        long channels = parameter(block, "runningMean", path).getShape().get(0);
        String scale = booleanField(block, "scale") ? weights(block, "gamma", path)
                : initializer(path + "/gamma", filled(channels, 1f), new long[] {channels});
        String shift = booleanField(block, "center") ? weights(block, "beta", path)
                : initializer(path + "/beta", filled(channels, 0f), new long[] {channels});
        return node("BatchNormalization", List.of(x, scale, shift, weights(block, "runningMean", path),
                weights(block, "runningVar", path)), path, Map.of("epsilon", floatField(block, "epsilon")));
    }

    private String linear(Block block, String path, String x, Shape shape) {
        NDArray weight = parameter(block, "weight", path);
        boolean bias = block.getDirectParameters().keys().contains("bias");
        if (shape.dimension() == 2) {
            List<String> inputs = bias ? List.of(x, weights(block, "weight", path), weights(block, "bias", path))
                    : List.of(x, weights(block, "weight", path));
            return node("Gemm", inputs, path, Map.of("transB", 1L));
        }
        // DJL's Linear acts on the last axis of any input: MatMul with the transposed weight.
        NDArray transposed = weight.transpose();
        String product = node("MatMul", List.of(x, initializer(path + "/weightT", transposed.toFloatArray(),
                transposed.getShape().getShape())), bias ? path + "/matmul" : path, Map.of());
        return bias ? node("Add", List.of(product, weights(block, "bias", path)), path, Map.of()) : product;
    }

    /** A node with one output, named after {@code name}; returns the output's name. */
    private String node(String op, List<String> inputs, String name, Map<String, Object> attributes) {
        String output = name.equals(OnnxMetadata.LOGITS) || name.equals(OnnxMetadata.PROBABILITIES) ? name
                : name + ":" + counter++;
        OnnxMl.NodeProto.Builder node = OnnxMl.NodeProto.newBuilder().setOpType(op).setName(output)
                .addAllInput(inputs).addOutput(output);
        attributes.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(a -> node.addAttribute(
                attribute(a.getKey(), a.getValue())));
        graph.addNode(node);
        return output;
    }

    private static OnnxMl.AttributeProto attribute(String name, Object value) {
        OnnxMl.AttributeProto.Builder a = OnnxMl.AttributeProto.newBuilder().setName(name);
        if (value instanceof Long l) {
            a.setType(OnnxMl.AttributeProto.AttributeType.INT).setI(l);
        } else if (value instanceof Float f) {
            a.setType(OnnxMl.AttributeProto.AttributeType.FLOAT).setF(f);
        } else {
            a.setType(OnnxMl.AttributeProto.AttributeType.INTS);
            for (long v : (long[]) value) {
                a.addInts(v);
            }
        }
        return a.build();
    }

    /** A parameter of {@code block} as an initializer; returns its name. */
    private String weights(Block block, String name, String path) {
        NDArray array = parameter(block, name, path);
        return initializer(path + "/" + name, array.toFloatArray(), array.getShape().getShape());
    }

    private static NDArray parameter(Block block, String name, String path) {
        Parameter p = block.getDirectParameters().get(name);
        if (p == null || !p.isInitialized()) {
            throw new IllegalArgumentException("layer " + path + ": no " + name + " parameter to export");
        }
        return p.getArray();
    }

    private String initializer(String name, float[] values, long[] shape) {
        ByteBuffer bytes = ByteBuffer.allocate(values.length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        bytes.asFloatBuffer().put(values);
        OnnxMl.TensorProto.Builder tensor = OnnxMl.TensorProto.newBuilder().setName(name).setDataType(FLOAT)
                .setRawData(ByteString.copyFrom(bytes.array()));
        for (long d : shape) {
            tensor.addDims(d);
        }
        graph.addInitializer(tensor);
        return name;
    }

    private String scalar(String name, float value) {
        return initializer(name, new float[] {value}, new long[0]);
    }

    private static float[] filled(long n, float value) {
        float[] out = new float[(int) n];
        java.util.Arrays.fill(out, value);
        return out;
    }

    /** A float32 tensor of shape {@code [batch, *shape]}, the batch left free. */
    private static OnnxMl.ValueInfoProto valueInfo(String name, Shape shape) {
        OnnxMl.TensorShapeProto.Builder dims = OnnxMl.TensorShapeProto.newBuilder()
                .addDim(OnnxMl.TensorShapeProto.Dimension.newBuilder().setDimParam("batch"));
        for (long d : shape.getShape()) {
            dims.addDim(OnnxMl.TensorShapeProto.Dimension.newBuilder().setDimValue(d));
        }
        return OnnxMl.ValueInfoProto.newBuilder().setName(name).setType(OnnxMl.TypeProto.newBuilder()
                .setTensorType(OnnxMl.TypeProto.Tensor.newBuilder().setElemType(FLOAT).setShape(dims))).build();
    }

    private static IllegalArgumentException unmapped(Block block, String path) {
        String name = block instanceof LambdaBlock lambda ? "'" + lambda.getName() + "', a "
                + block.getClass().getSimpleName() : block.getClass().getName();
        return new IllegalArgumentException("layer " + path + " (" + name + ") has no ONNX mapping; expected one "
                + "of the layers OnnxExport lists");
    }

    // DJL's BatchNorm keeps its settings in private fields without getters.
    private static int intField(Block block, String name) {
        return (int) field(block, name);
    }

    private static float floatField(Block block, String name) {
        return (float) field(block, name);
    }

    private static boolean booleanField(Block block, String name) {
        return (boolean) field(block, name);
    }

    private static Object field(Block block, String name) {
        try {
            Field f = BatchNorm.class.getDeclaredField(name);
            f.setAccessible(true);
            return f.get(block);
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw new IllegalStateException("cannot read BatchNorm's " + name + " from this DJL version: "
                    + e.getMessage(), e);
        }
    }
}
