package org.archai4j.djl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.sun.jna.Platform;
import org.junit.jupiter.api.Test;

class NativeMemoryTest {
    @Test
    void mallocTrimIsAvailableOnLinux() {
        assumeTrue(Platform.isLinux());
        assertThat(NativeMemory.isAvailable()).isTrue();
        NativeMemory.trim();   // callable at any time
    }
}
