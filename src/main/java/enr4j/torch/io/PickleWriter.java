package enr4j.torch.io;

import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * Emits pickle protocol 2 opcodes into a byte array. Knows nothing about tensors: callers compose values from
 * these primitives. No memo is written (every object is written once), which every unpickler accepts.
 */
final class PickleWriter {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    PickleWriter() {
        out.write(0x80); // PROTO 2
        out.write(2);
    }

    byte[] finish() {
        out.write('.'); // STOP
        return out.toByteArray();
    }

    void none() {
        out.write('N');
    }

    void bool(boolean value) {
        out.write(value ? 0x88 : 0x89); // NEWTRUE / NEWFALSE
    }

    void integer(long value) {
        if (value >= 0 && value < 0x100) {
            out.write('K'); // BININT1
            out.write((int) value);
        } else if (value >= 0 && value < 0x10000) {
            out.write('M'); // BININT2
            writeLE(value, 2);
        } else if (value == (int) value) {
            out.write('J'); // BININT, signed 32-bit
            writeLE(value, 4);
        } else {
            bigInteger(BigInteger.valueOf(value));
        }
    }

    /** LONG1: a length byte, then the little-endian two's complement value. */
    void bigInteger(BigInteger value) {
        byte[] be = value.toByteArray();
        if (be.length > 255) {
            throw new IllegalArgumentException("integer too large to pickle: " + value);
        }
        out.write(0x8a);
        out.write(be.length);
        for (int i = be.length - 1; i >= 0; i--) {
            out.write(be[i]);
        }
    }

    void floating(double value) {
        out.write('G'); // BINFLOAT, big-endian IEEE double
        out.writeBytes(ByteBuffer.allocate(8).putDouble(value).array());
    }

    void string(String value) {
        byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
        out.write('X'); // BINUNICODE
        writeLE(utf8.length, 4);
        out.writeBytes(utf8);
    }

    /** GLOBAL: pushes {@code module.name}. */
    void global(String module, String name) {
        out.write('c');
        out.writeBytes((module + "\n" + name + "\n").getBytes(StandardCharsets.US_ASCII));
    }

    void mark() {
        out.write('(');
    }

    /** TUPLE: the items since the last mark. */
    void tupleFromMark() {
        out.write('t');
    }

    void emptyTuple() {
        out.write(')');
    }

    void emptyDict() {
        out.write('}');
    }

    void emptyList() {
        out.write(']');
    }

    /** SETITEMS: key/value pairs since the last mark into the dict below the mark. */
    void setItems() {
        out.write('u');
    }

    /** APPENDS: items since the last mark onto the list below the mark. */
    void appends() {
        out.write('e');
    }

    /** REDUCE: calls the callable below the argument tuple. */
    void reduce() {
        out.write('R');
    }

    /** BINPERSID: replaces the top (a persistent id tuple) by what the loader makes of it. */
    void persistentId() {
        out.write('Q');
    }

    private void writeLE(long value, int bytes) {
        out.write(ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(value).array(), 0, bytes);
    }
}
