package dev.tenantconnect.core.io;

import dev.tenantconnect.core.error.ConfigurationException;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import java.util.Set;

/**
 * Files only their owner may read: journals, results files, key files. Where the file system has POSIX permissions,
 * new files are created with mode 600 and folders with 700 whatever the umask; elsewhere (Windows) the folder's ACL
 * applies and the checks pass.
 */
public final class PrivateFiles {
    private static final Set<PosixFilePermission> GROUP_OR_OTHER = EnumSet.of(PosixFilePermission.GROUP_READ,
            PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_EXECUTE, PosixFilePermission.OTHERS_READ,
            PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_EXECUTE);

    private PrivateFiles() {
    }

    private static boolean posix() {
        return FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
    }

    /**
     * Opens a file, creating it with mode 600 if it does not exist.
     *
     * @param file the file
     * @param options the open options ({@code CREATE} among them to create)
     * @return the channel
     * @throws IOException if it cannot be opened
     */
    public static FileChannel open(Path file, OpenOption... options) throws IOException {
        if (posix()) {
            return FileChannel.open(file, Set.of(options), PosixFilePermissions.asFileAttribute(
                    PosixFilePermissions.fromString("rw-------")));
        }
        return FileChannel.open(file, options);
    }

    /**
     * Creates a folder with mode 700.
     *
     * @param dir the folder, which must not exist
     * @return the folder
     * @throws IOException if it cannot be created (also if it exists)
     */
    public static Path createDirectory(Path dir) throws IOException {
        if (posix()) {
            FileAttribute<Set<PosixFilePermission>> mode700 = PosixFilePermissions.asFileAttribute(
                    PosixFilePermissions.fromString("rwx------"));
            return Files.createDirectory(dir, mode700);
        }
        return Files.createDirectory(dir);
    }

    /**
     * Refuses a key file that its group or others may access: a key readable by others is a key others have.
     *
     * @param file the key file
     * @param what what the file is, for the message (e.g. {@code "store key file"})
     * @throws ConfigurationException naming the file, its mode and the fix, when group or others have any access
     */
    public static void requireOwnerOnly(Path file, String what) {
        PosixFileAttributeView view = Files.getFileAttributeView(file, PosixFileAttributeView.class);
        if (view == null) {
            return;
        }
        Set<PosixFilePermission> mode;
        try {
            mode = view.readAttributes().permissions();
        } catch (IOException e) {
            throw new ConfigurationException("cannot read the " + what + " " + file, e);
        }
        if (mode.stream().anyMatch(GROUP_OR_OTHER::contains)) {
            throw new ConfigurationException("the " + what + " " + file + " may be accessed by its group or others "
                    + "(mode " + PosixFilePermissions.toString(mode) + "); make it readable by its owner only, e.g. "
                    + "chmod 600 " + file);
        }
    }
}
