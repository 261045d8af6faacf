package enr4j.io;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;

/** What went wrong with a file, in words: the JDK's file exceptions carry only a path as their message. */
public final class IoMessages {
    private IoMessages() {
    }

    /** {@code e} as "PATH: what went wrong" (or the message itself when it names no file). */
    public static String describe(IOException e) {
        if (e instanceof FileSystemException f && f.getFile() != null) {
            String other = f.getOtherFile() == null ? "" : " (and " + f.getOtherFile() + ")";
            return f.getFile() + other + ": " + problem(f);
        }
        return e.getMessage() == null || e.getMessage().isBlank() ? "input/output error" : e.getMessage();
    }

    /** {@code e} as "PATH: what went wrong", naming {@code file} when the exception names none. */
    public static String describe(IOException e, java.nio.file.Path file) {
        if (e instanceof FileSystemException f && f.getFile() != null) {
            return describe(e);
        }
        String reason = e.getMessage() == null || e.getMessage().isBlank() ? "input/output error" : e.getMessage();
        return file + ": " + reason.substring(0, 1).toLowerCase(java.util.Locale.ROOT) + reason.substring(1);
    }

    private static String problem(FileSystemException f) {
        if (f instanceof NoSuchFileException) {
            return "no such file or folder";
        }
        if (f instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (f instanceof FileAlreadyExistsException) {
            // also what creating a folder says when a file of that name is in the way
            return java.nio.file.Files.isRegularFile(java.nio.file.Path.of(f.getFile())) ? "exists already, as a file"
                    : "exists already";
        }
        if (f instanceof DirectoryNotEmptyException) {
            return "the folder is not empty";
        }
        if (f instanceof NotDirectoryException) {
            return "not a folder";
        }
        return f.getReason() == null ? "cannot be read or written" : f.getReason();
    }
}
