package enr4j.torch.io;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A pickle virtual machine that never runs code: it builds dicts, lists, tuples (as unmodifiable lists),
 * numbers, strings and bytes itself, and calls only the {@link PickleCallable}s that its {@link Globals}
 * hands out. Reads one pickle (up to STOP) from a stream and leaves the stream just after it.
 *
 * <p>Covers the binary opcodes of protocols 2 to 5 that data pickles use; text-mode opcodes of protocol 0
 * other than GLOBAL, and sets, are rejected as unsupported.
 *
 * <p>Bounded: a pickle may be at most {@link #MAX_BYTES} long and push at most {@link #MAX_OBJECTS} values, so
 * its work and memory are linear in a capped size. Shared values (DUP, memo GET) stay shared; readers of the
 * result must not expand them (see {@link TensorTree}, {@link PickleValues#preview}).
 */
final class RestrictedUnpickler {
    /** Resolves a GLOBAL; must throw {@link ModelFileException} for anything not allowed. */
    @FunctionalInterface
    interface Globals {
        Object resolve(String module, String name);
    }

    /** Resolves a persistent id (BINPERSID); must throw {@link IllegalArgumentException} if it is malformed. */
    @FunctionalInterface
    interface PersistentLoader {
        Object load(Object pid);
    }

    /** Refuses every persistent id: for pickles that must be plain data. */
    static final PersistentLoader NO_PERSISTENT_IDS = pid -> {
        throw new IllegalArgumentException("unexpected persistent id " + pid);
    };

    /** Longest pickle accepted; a model's object pickle is kilobytes, its tensor data lies elsewhere. */
    static final long MAX_BYTES = 64L << 20;
    /** Most values a pickle may push (a state_dict of a few hundred tensors pushes a few thousand). */
    static final long MAX_OBJECTS = 2_000_000;
    private static final int MAX_LINE = 256;
        private static final int HIGHEST_PROTOCOL = 5;

    private final InputStream in;
    private final String source;
    private final Globals globals;
    private final PersistentLoader persistent;
    private final List<Object> stack = new ArrayList<>();
    private final Deque<Integer> marks = new ArrayDeque<>();
    private final Map<Long, Object> memo = new HashMap<>();
    private long position;
    private long pushed;

    /**
     * @param source names the file and record in error messages, e.g. {@code model.pt (archive/data.pkl)}
     */
    RestrictedUnpickler(InputStream in, String source, Globals globals, PersistentLoader persistent) {
        this.in = in;
        this.source = source;
        this.globals = globals;
        this.persistent = persistent;
    }

    /** Runs the pickle to its STOP opcode and returns the object it built. */
    Object load() {
        try {
            while (true) {
                long opcodeAt = position;
                int op = u8();
                try {
                    if (op == '.') {
                        return pop();
                    }
                    execute(op);
                } catch (IllegalArgumentException | IllegalStateException | IndexOutOfBoundsException
                         | ArithmeticException e) {
                    throw fail(String.format("opcode 0x%02x at byte %d: %s", op, opcodeAt, e.getMessage()));
                } catch (ClassCastException e) {
                    throw fail(String.format("opcode 0x%02x at byte %d: an argument of the wrong type", op, opcodeAt));
                }
            }
        } catch (EOFException e) {
            throw fail("truncated at byte " + position);
        } catch (IOException e) {
            throw fail(e.toString());
        }
    }

    private ModelFileException fail(String problem) {
        return new ModelFileException("bad pickle in " + source + ": " + problem);
    }

    private void execute(int op) throws IOException {
        switch (op) {
            case 0x80 -> { // PROTO
                int protocol = u8();
                if (protocol > HIGHEST_PROTOCOL) {
                    throw new IllegalArgumentException("unsupported pickle protocol " + protocol);
                }
            }
            case 0x95 -> readLongLE(8); // FRAME: a length hint only
            case '(' -> marks.push(stack.size()); // MARK
            case '0' -> pop(); // POP
            case '1' -> popMark(); // POP_MARK
            case '2' -> push(peek()); // DUP
            case 'N' -> push(null);
            case 0x88 -> push(Boolean.TRUE);
            case 0x89 -> push(Boolean.FALSE);
            case 'J' -> push((long) (int) readLongLE(4)); // BININT
            case 'K' -> push((long) u8()); // BININT1
            case 'M' -> push(readLongLE(2)); // BININT2
            case 0x8a -> push(readLong(u8())); // LONG1
            case 0x8b -> push(readLong(length(readLongLE(4)))); // LONG4
            case 'G' -> push(ByteBuffer.wrap(bytes(8)).getDouble()); // BINFLOAT, big-endian
            case 'X' -> push(utf8(length(readLongLE(4)))); // BINUNICODE
            case 0x8c -> push(utf8(u8())); // SHORT_BINUNICODE
            case 0x8d -> push(utf8(length(readLongLE(8)))); // BINUNICODE8
            case 'T' -> push(latin1(length((int) readLongLE(4)))); // BINSTRING (Python 2 str)
            case 'U' -> push(latin1(u8())); // SHORT_BINSTRING
            case 'B' -> push(bytes(length(readLongLE(4)))); // BINBYTES
            case 'C' -> push(bytes(u8())); // SHORT_BINBYTES
            case 0x8e, 0x96 -> push(bytes(length(readLongLE(8)))); // BINBYTES8, BYTEARRAY8
            case '}' -> push(new LinkedHashMap<String, Object>()); // EMPTY_DICT
            case ']' -> push(new ArrayList<>()); // EMPTY_LIST
            case ')' -> push(PickleValues.tuple(List.of())); // EMPTY_TUPLE
            case 0x85 -> push(PickleValues.tuple(popN(1))); // TUPLE1
            case 0x86 -> push(PickleValues.tuple(popN(2))); // TUPLE2
            case 0x87 -> push(PickleValues.tuple(popN(3))); // TUPLE3
            case 't' -> push(PickleValues.tuple(popMark())); // TUPLE
            case 'l' -> push(new ArrayList<>(popMark())); // LIST
            case 'd' -> { // DICT
                Map<String, Object> dict = new LinkedHashMap<>();
                PickleValues.putPairs(dict, popMark());
                push(dict);
            }
            case 'a' -> { // APPEND
                Object value = pop();
                PickleValues.list(peek()).add(value);
            }
            case 'e' -> { // APPENDS
                List<Object> items = popMark();
                PickleValues.list(peek()).addAll(items);
            }
            case 's' -> { // SETITEM
                Object value = pop();
                Object key = pop();
                PickleValues.putPairs(PickleValues.dict(peek()), Arrays.asList(key, value));
            }
            case 'u' -> { // SETITEMS
                List<Object> items = popMark();
                PickleValues.putPairs(PickleValues.dict(peek()), items);
            }
            case 'q' -> memo.put((long) u8(), peek()); // BINPUT
            case 'r' -> memo.put(readLongLE(4), peek()); // LONG_BINPUT
            case 0x94 -> memo.put((long) memo.size(), peek()); // MEMOIZE
            case 'p' -> memo.put(Long.parseLong(line()), peek()); // PUT
            case 'h' -> push(memoGet(u8())); // BINGET
            case 'j' -> push(memoGet(readLongLE(4))); // LONG_BINGET
            case 'g' -> push(memoGet(Long.parseLong(line()))); // GET
            case 'c' -> { // GLOBAL
                String module = line();
                push(globals.resolve(module, line()));
            }
            case 0x93 -> { // STACK_GLOBAL
                String name = (String) pop();
                push(globals.resolve((String) pop(), name));
            }
            case 'R', 0x81 -> { // REDUCE, NEWOBJ
                List<Object> args = PickleValues.args(pop());
                push(PickleValues.callable(pop()).call(args));
            }
            case 0x92 -> { // NEWOBJ_EX
                Object kwargs = pop();
                List<Object> args = PickleValues.args(pop());
                if (!(kwargs instanceof Map<?, ?> m) || !m.isEmpty()) {
                    throw new IllegalArgumentException("keyword arguments are not supported");
                }
                push(PickleValues.callable(pop()).call(args));
            }
            case 'b' -> build(pop(), peek()); // BUILD
            case 'Q' -> push(persistent.load(pop())); // BINPERSID
            default -> throw new IllegalArgumentException("unsupported opcode");
        }
    }

    /**
     * BUILD sets Python attributes. The only case a tensor checkpoint needs is an OrderedDict carrying
     * attributes (a {@code state_dict()} has {@code _metadata}); those attributes are dropped.
     */
    private static void build(Object state, Object target) {
        if (!(target instanceof OrderedDictMap)) {
            throw new IllegalArgumentException("cannot set state on " + PickleValues.describe(target));
        }
    }

    private Object memoGet(long index) {
        if (!memo.containsKey(index)) {
            throw new IllegalArgumentException("memo entry " + index + " is not set");
        }
        return memo.get(index);
    }

    private void push(Object o) {
        if (++pushed > MAX_OBJECTS) {
            throw new IllegalArgumentException("more than " + MAX_OBJECTS + " values: not a model checkpoint");
        }
        stack.add(o);
    }

    private Object pop() {
        int floor = marks.isEmpty() ? 0 : marks.peek();
        if (stack.size() <= floor) {
            throw new IllegalStateException("stack underflow");
        }
        return stack.remove(stack.size() - 1);
    }

    private Object peek() {
        int floor = marks.isEmpty() ? 0 : marks.peek();
        if (stack.size() <= floor) {
            throw new IllegalStateException("stack underflow");
        }
        return stack.get(stack.size() - 1);
    }

    private List<Object> popN(int n) {
        Object[] items = new Object[n];
        for (int i = n - 1; i >= 0; i--) {
            items[i] = pop();
        }
        return Arrays.asList(items);
    }

    private List<Object> popMark() {
        if (marks.isEmpty()) {
            throw new IllegalStateException("no MARK on the stack");
        }
        int start = marks.pop();
        List<Object> top = stack.subList(start, stack.size());
        List<Object> items = new ArrayList<>(top);
        top.clear();
        return items;
    }

    private int u8() throws IOException {
        withinLimit(1);
        int b = in.read();
        if (b < 0) {
            throw new EOFException();
        }
        position++;
        return b;
    }

    private byte[] bytes(int n) throws IOException {
        withinLimit(n);
        byte[] b = in.readNBytes(n); // grows as data arrives, so a forged length cannot force a huge allocation
        if (b.length < n) {
            throw new EOFException();
        }
        position += n;
        return b;
    }

    private void withinLimit(long n) {
        if (n > MAX_BYTES - position) {
            throw fail("longer than " + MAX_BYTES + " bytes: not a model checkpoint");
        }
    }

    private long readLongLE(int n) throws IOException {
        return ByteBuffer.wrap(Arrays.copyOf(bytes(n), 8)).order(ByteOrder.LITTLE_ENDIAN).getLong();
    }

    private static int length(long n) {
        if (n < 0 || n > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("length " + n + " out of range");
        }
        return (int) n;
    }

    /** LONG1/LONG4 payload: little-endian two's complement; a Long when it fits, else a BigInteger. */
    private Object readLong(int n) throws IOException {
        byte[] le = bytes(n);
        if (n == 0) {
            return 0L;
        }
        byte[] be = new byte[n];
        for (int i = 0; i < n; i++) {
            be[i] = le[n - 1 - i];
        }
        BigInteger value = new BigInteger(be);
        return value.bitLength() < 64 ? (Object) value.longValue() : value;
    }

    private String utf8(int n) throws IOException {
        return new String(bytes(n), StandardCharsets.UTF_8);
    }

    private String latin1(int n) throws IOException {
        return new String(bytes(n), StandardCharsets.ISO_8859_1);
    }

    private String line() throws IOException {
        StringBuilder sb = new StringBuilder();
        for (int c = u8(); c != '\n'; c = u8()) {
            if (sb.length() >= MAX_LINE) {
                throw new IllegalArgumentException("text line longer than " + MAX_LINE + " bytes");
            }
            sb.append((char) c);
        }
        return sb.toString();
    }
}
