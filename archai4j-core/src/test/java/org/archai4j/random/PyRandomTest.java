package org.archai4j.random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Golden vectors from CPython 3.11's {@code random.Random} (spec section 0.1 and values printed by CPython). */
class PyRandomTest {
    private static List<Integer> range(int n) {
        return new ArrayList<>(IntStream.range(0, n).boxed().toList());
    }

    @Test
    void randomMatchesCPython() {
        PyRandom r1 = new PyRandom(1);
        assertThat(new double[] {r1.random(), r1.random(), r1.random(), r1.random(), r1.random()})
                .containsExactly(0.13436424411240122, 0.8474337369372327, 0.763774618976614, 0.2550690257394217,
                        0.49543508709194095);
        PyRandom r0 = new PyRandom(0);
        assertThat(new double[] {r0.random(), r0.random(), r0.random()})
                .containsExactly(0.8444218515250481, 0.7579544029403025, 0.420571580830845);
        PyRandom r42 = new PyRandom(42);
        assertThat(new double[] {r42.random(), r42.random(), r42.random()})
                .containsExactly(0.6394267984578837, 0.025010755222666936, 0.27502931836911926);
    }

    @Test
    void getrandbitsMatchesCPython() {
        PyRandom r = new PyRandom(1);
        assertThat(new long[] {r.getrandbits(32), r.getrandbits(32), r.getrandbits(32), r.getrandbits(32),
                r.getrandbits(32)}).containsExactly(577090037, 2444712010L, 3639700191L, 3445702192L, 3280387012L);
        PyRandom r3 = new PyRandom(3);
        assertThat(new long[] {r3.getrandbits(40), r3.getrandbits(40), r3.getrandbits(40)})
                .containsExactly(649562111997L, 144071367498L, 1006611292580L);
    }

    @Test
    void seedsAreAbsoluteValuesSplitInto32BitWords() {
        assertThat(new PyRandom(-1).random()).isEqualTo(new PyRandom(1).random());
        assertThat(new PyRandom(-7).random()).isEqualTo(0.32383276483316237);
        PyRandom big = new PyRandom((1L << 40) + 12345);
        assertThat(new double[] {big.random(), big.random()})
                .containsExactly(0.31036222241287226, 0.1148930862836336);
    }

    @Test
    void choiceChoicesShuffleSampleRandintMatchCPython() {
        PyRandom r = new PyRandom(1);
        List<Integer> pop = List.of(0, 1, 2);
        assertThat(IntStream.range(0, 5).mapToObj(i -> r.choice(pop)).toList()).containsExactly(0, 2, 0, 1, 0);
        assertThat(new PyRandom(1).choices(pop, 5)).containsExactly(0, 2, 2, 0, 1);

        List<Integer> six = range(6);
        new PyRandom(1).shuffle(six);
        assertThat(six).containsExactly(2, 3, 5, 0, 4, 1);
        List<Integer> twenty = range(20);
        new PyRandom(6).shuffle(twenty);
        assertThat(twenty).containsExactly(4, 12, 6, 16, 17, 3, 13, 14, 11, 5, 7, 9, 10, 19, 0, 1, 8, 15, 2, 18);

        assertThat(new PyRandom(1).sample(range(10), 3)).containsExactly(2, 1, 4);
        assertThat(new PyRandom(4).sample(range(30), 7)).containsExactly(7, 9, 3, 23, 12, 15, 4);
        assertThat(new PyRandom(3).sample(range(1000), 10))
                .containsExactly(243, 606, 557, 133, 378, 937, 618, 485, 640, 594);

        PyRandom ri = new PyRandom(1);
        assertThat(new long[] {ri.randint(0, 100000), ri.randint(0, 100000), ri.randint(0, 100000)})
                .containsExactly(17611, 74606, 8271);
        PyRandom rb = new PyRandom(7);
        assertThat(new long[] {rb.randbelow(1_000_000_000_000L), rb.randbelow(1_000_000_000_000L),
                rb.randbelow(1_000_000_000_000L)}).containsExactly(434439589175L, 54335349840L, 902254243635L);
    }

    @Test
    void weightedChoicesMatchCPython() {
        assertThat(new PyRandom(5).choices(List.of("a", "b", "c"), new double[] {0.2, 0.5, 0.3}, 6))
                .containsExactly("b", "c", "c", "c", "c", "c");
    }

    @Test
    void badArgumentsGivePythonsErrors() {
        PyRandom r = new PyRandom(1);
        assertThatThrownBy(() -> r.choice(List.of())).isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> r.sample(range(3), 4)).hasMessage("Sample larger than population or is negative");
        assertThatThrownBy(() -> r.choices(List.of(1, 2), new double[] {1}, 1))
                .hasMessage("The number of weights does not match the population");
        assertThatThrownBy(() -> r.choices(List.of(1, 2), new double[] {0, 0}, 1))
                .hasMessage("Total of weights must be greater than zero");
    }

    @Test
    void randomGeneratorViewIsThePythonStream() {
        PyRandom a = new PyRandom(9);
        PyRandom b = new PyRandom(9);
        assertThat(a.nextDouble()).isEqualTo(b.random());
        assertThat(a.nextInt(10)).isEqualTo((int) b.randbelow(10));
        assertThat(a.nextInt(5, 15)).isEqualTo((int) (5 + b.randbelow(10)));
    }
}
