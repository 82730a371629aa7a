package org.archai4j.djl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import ai.djl.Device;
import ai.djl.engine.Engine;
import org.junit.jupiter.api.Test;

class DevicesTest {
    @Test
    void cpuByDefault() {
        assertThat(Devices.parse(null)).isEqualTo(Device.cpu());
        assertThat(Devices.parse(" CPU ")).isEqualTo(Device.cpu());
    }

    @Test
    void badNamesAndMissingGpusAreClearErrors() {
        assertThatThrownBy(() -> Devices.parse("tpu")).hasMessageContaining("'tpu'")
                .hasMessageContaining("expected cpu, gpu or gpu:N");
        assumeTrue(Engine.getInstance().getGpuCount() == 0, "this machine has a GPU");
        assertThatThrownBy(() -> Devices.parse("gpu:0")).hasMessageContaining("0 GPU(s)")
                .hasMessageContaining("pytorch-native-cu");
    }
}
