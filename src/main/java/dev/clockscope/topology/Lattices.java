package dev.clockscope.topology;

/** The deterministic generators: complete, ring, star, grid and torus. */
final class Lattices {
    /** complete:n has n(n-1)/2 links; 5,000 machines are 12.5 M links, 100 MB of neighbour arrays. */
    static final int COMPLETE_MAX_MACHINES = 5_000;

    private Lattices() {
    }

    static Csr complete(int n) {
        int[] offsets = Csr.regularOffsets(n, n - 1);
        int[] targets = new int[n * (n - 1)];
        int p = 0;
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                if (j != i) {
                    targets[p++] = j;
                }
            }
        }
        return new Csr(offsets, targets);
    }

    /** Machine i is linked to i-1 and i+1 (mod n); n >= 3. */
    static Csr ring(int n) {
        Edges edges = new Edges(n);
        for (int i = 0; i < n; i++) {
            edges.add(i, (i + 1) % n);
        }
        return edges.build(n);
    }

    /** Machine 0 is the hub, linked to every other machine. */
    static Csr star(int n) {
        Edges edges = new Edges(n - 1);
        for (int i = 1; i < n; i++) {
            edges.add(0, i);
        }
        return edges.build(n);
    }

    /**
     * Machines in rows of {@code columns}, row-major (machine r·W + c is row r, column c), linked to the
     * machine right of and below them. The last row holds what is left (n mod W machines, if not 0): its
     * machines link up and along the row; columns past its end simply stop one row earlier.
     */
    static Csr grid(int n, int columns) {
        return lattice(n, columns, false);
    }

    /**
     * The grid with wrap-around: every row is a cycle and every column is a cycle. With a partial last row,
     * that row is a shorter cycle and the columns past its end are cycles one row shorter. A cycle of two
     * machines is one link and a cycle of one machine none, so the graph stays simple; it is 4-regular when
     * W >= 3, there are at least 3 rows and n is a multiple of W.
     */
    static Csr torus(int n, int columns) {
        return lattice(n, columns, true);
    }

    private static Csr lattice(int n, int columns, boolean wrap) {
        Edges edges = new Edges(2L * n);
        for (int rowStart = 0; rowStart < n; rowStart += columns) {
            line(edges, rowStart, Math.min(columns, n - rowStart), 1, wrap);
        }
        for (int c = 0; c < Math.min(columns, n); c++) {
            int length = (n - 1 - c) / columns + 1;
            line(edges, c, length, columns, wrap);
        }
        return edges.build(n);
    }

    /** Links first, first+step, ..., in a path, or a cycle when {@code wrap} (see {@link #torus}). */
    private static void line(Edges edges, int first, int length, int step, boolean wrap) {
        for (int k = 0; k + 1 < length; k++) {
            edges.add(first + k * step, first + (k + 1) * step);
        }
        if (wrap && length >= 3) {
            edges.add(first + (length - 1) * step, first);
        }
    }

    /** A growable list of links as pairs of ends. */
    static final class Edges {
        private int[] ends;
        private int count;

        Edges(long expected) {
            ends = new int[(int) Math.max(2, Math.min(2 * expected, Csr.MAX_DIRECTED_LINKS))];
        }

        void add(int u, int v) {
            if (2 * count + 2 > ends.length) {
                ends = java.util.Arrays.copyOf(ends, (int) Math.min(2L * ends.length, Csr.MAX_DIRECTED_LINKS));
            }
            ends[2 * count] = u;
            ends[2 * count + 1] = v;
            count++;
        }

        int first(int link) {
            return ends[2 * link];
        }

        int second(int link) {
            return ends[2 * link + 1];
        }

        Csr build(int n) {
            return Csr.fromEdges(n, ends, count);
        }
    }
}
