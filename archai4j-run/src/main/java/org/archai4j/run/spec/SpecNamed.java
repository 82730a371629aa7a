package org.archai4j.run.spec;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * A catalogue entry a run spec names by a word ({@code csv}, {@code latency_ms}, {@code local}): the catalogues'
 * enums implement it, and look their entries up by that word here.
 *
 * <pre>{@code
 * Optional<DatasetKind> kind = SpecNamed.of(DatasetKind.class, "csv");
 * String expected = String.join(", ", SpecNamed.names(DatasetKind.class));
 * }</pre>
 */
public interface SpecNamed {
    /** The word a spec names it by. */
    String specName();

    /** The entry of {@code catalogue} a spec names {@code name}, if there is one. */
    static <E extends Enum<E> & SpecNamed> Optional<E> of(Class<E> catalogue, String name) {
        return Arrays.stream(catalogue.getEnumConstants()).filter(e -> e.specName().equals(name)).findFirst();
    }

    /** Every entry's name, in the catalogue's order, for messages. */
    static <E extends Enum<E> & SpecNamed> List<String> names(Class<E> catalogue) {
        return Arrays.stream(catalogue.getEnumConstants()).map(SpecNamed::specName).toList();
    }
}
