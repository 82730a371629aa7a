package org.archai4j.djl;

import ai.djl.Device;
import ai.djl.engine.Engine;
import java.util.Locale;

/**
 * The device option: {@code cpu} (the default), {@code gpu} (the first GPU) or {@code gpu:N}. A GPU needs a CUDA
 * build of the PyTorch native library on the classpath and a GPU the driver sees; asking for one that is not
 * there is an error rather than a silent fall-back to the CPU.
 *
 * <pre>{@code
 * Device device = Devices.parse(System.getProperty("archai4j.device", "cpu"));
 * }</pre>
 */
public final class Devices {
    private Devices() {
    }

    /** The device named by {@code option}. */
    public static Device parse(String option) {
        String name = option == null ? "cpu" : option.trim().toLowerCase(Locale.ROOT);
        if (name.equals("cpu")) {
            return Device.cpu();
        }
        int index;
        if (name.equals("gpu")) {
            index = 0;
        } else if (name.matches("gpu:\\d+")) {
            index = Integer.parseInt(name.substring(4));
        } else {
            throw new IllegalArgumentException("device '" + option + "': expected cpu, gpu or gpu:N");
        }
        int available = Engine.getInstance().getGpuCount();
        if (index >= available) {
            throw new IllegalArgumentException("device '" + option + "': " + available + " GPU(s) visible to "
                    + "PyTorch; a GPU needs a CUDA native package (ai.djl.pytorch:pytorch-native-cu*) and a driver");
        }
        return Device.gpu(index);
    }
}
