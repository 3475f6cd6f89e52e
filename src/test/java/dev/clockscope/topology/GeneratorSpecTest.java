package dev.clockscope.topology;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Every way a spec can be refused, with the exact one-line message the CLI prints. */
class GeneratorSpecTest {
    @ParameterizedTest(name = "{0} on {1}")
    @CsvSource(delimiter = '|', textBlock = """
            random-regular:x  | 10      | --topology: "random-regular:x": K must be a whole number
            hypercube         | 10      | --topology: "hypercube": unknown topology "hypercube" (known: complete, ring, star, grid:W, torus:W, random-regular:K, small-world:K,P, scale-free:M, or a .json file)
            ring:3            | 10      | --topology: "ring:3": takes no arguments
            grid              | 10      | --topology: "grid": takes one argument, as in grid:W (columns)
            torus:1,2         | 10      | --topology: "torus:1,2": takes one argument, as in torus:W (columns)
            grid:0            | 10      | --topology: "grid:0": W must be at least 1, got 0
            small-world:4     | 10      | --topology: "small-world:4": takes 2 arguments, as in small-world:K,P (K nearest neighbours, rewiring probability P)
            small-world:4,2   | 10      | --topology: "small-world:4,2": P must be a probability between 0 and 1
            small-world:4,p   | 10      | --topology: "small-world:4,p": P must be a probability between 0 and 1
            small-world:3,0.1 | 10      | --topology: "small-world:3,0.1": K must be even, at least 2 and less than the number of machines (10)
            small-world:10,0  | 10      | --topology: "small-world:10,0": K must be even, at least 2 and less than the number of machines (10)
            random-regular:3  | 9       | --topology: "random-regular:3": machines × K must be even (9 × 3)
            random-regular:10 | 10      | --topology: "random-regular:10": K must be from 1 to 9 (machines - 1) for 10 machines
            random-regular:0  | 10      | --topology: "random-regular:0": K must be from 1 to 9 (machines - 1) for 10 machines
            random-regular:1  | 4       | --topology: "random-regular:1": K = 1 links machines in pairs, which is connected only for 2 machines
            random-regular:3000 | 1000000 | --topology: "random-regular:3000": 1,500,000,000 links are too many (at most 1,073,741,819)
            scale-free:0      | 10      | --topology: "scale-free:0": M must be from 1 to 9 (machines - 1) for 10 machines
            scale-free:M      | 10      | --topology: "scale-free:M": M must be a whole number
            complete          | 5001    | --topology: "complete": at most 5000 machines (n² links), got 5001
            ring              | 2       | --topology: "ring": needs at least 3 machines, got 2
            star              | 1       | --topology: "star": needs at least 2 machines, got 1
            """)
    void refusedWithOneLineNamingTheOptionAndValue(String spec, int machines, String message) {
        TopologyException e = assertThrows(TopologyException.class, () -> Topologies.parse(spec, machines, 1));
        assertEquals(message, e.getMessage());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            ' ring '              | ring
            small-world:8, 0.25   | small-world:8,0.25
            grid:4                | grid:4
            """)
    void specsAreTrimmedAndDescribedCanonically(String spec, String description) throws TopologyException {
        assertEquals(description, Topologies.parse(spec, 50, 1).description());
    }
}
