package dev.mandate.classify;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;

/**
 * Weights rounded to a step of 1/{@value #STEPS} and stored sparse (the count of non-zero weights, then for each
 * the distance to the previous one as a varint and the weight as a short), as {@link SpamModel} and
 * {@link LinearModel} store theirs; the model in memory after training is exactly the one stored.
 */
final class SparseWeights {

    static final int STEPS = 1024;

    private SparseWeights() {}

    /** A weight rounded to a step (weights below half a step become zero), within what a short can hold. */
    static float quantised(float weight) {
        long steps = Math.round((double) weight * STEPS);
        steps = Math.max(Short.MIN_VALUE, Math.min(Short.MAX_VALUE, steps));
        return (float) steps / STEPS;
    }

    static void write(DataOutputStream out, float[] weights) throws IOException {
        int nonZero = 0;
        for (float w : weights) {
            nonZero += w != 0 ? 1 : 0;
        }
        out.writeInt(nonZero);
        int previous = -1;
        for (int i = 0; i < weights.length; i++) {
            if (weights[i] != 0) {
                writeVarint(out, i - previous);
                out.writeShort((int) Math.round((double) weights[i] * STEPS));
                previous = i;
            }
        }
    }

    /** Reads what {@link #write} wrote into {@code weights}, whose length is the feature space's dimension. */
    static void read(DataInputStream in, float[] weights) throws IOException {
        int count = in.readInt();
        int index = -1;
        for (int i = 0; i < count; i++) {
            index += readVarint(in);
            if (index < 0 || index >= weights.length) {
                throw new IOException("weight index out of range");
            }
            weights[index] = (float) in.readShort() / STEPS;
        }
    }

    private static void writeVarint(DataOutputStream out, int value) throws IOException {
        int rest = value;
        while ((rest & ~0x7f) != 0) {
            out.writeByte((rest & 0x7f) | 0x80);
            rest >>>= 7;
        }
        out.writeByte(rest);
    }

    private static int readVarint(DataInputStream in) throws IOException {
        int value = 0;
        for (int shift = 0; shift < 32; shift += 7) {
            int b = in.readUnsignedByte();
            value |= (b & 0x7f) << shift;
            if ((b & 0x80) == 0) {
                return value;
            }
        }
        throw new IOException("malformed weight index");
    }
}
