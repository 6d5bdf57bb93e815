package dev.tenantconnect.benchmarks;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Writes synthetic, valid bulk assignment files of any size, streaming. */
public final class BulkFiles {
    private BulkFiles() {
    }

    /**
     * @param file where to write
     * @param rows data rows: distinct numbers, ext keys and UPNs; a mix of add-on sets as the operator's sample bulk
     *     file has
     * @throws IOException if writing fails
     */
    public static void write(Path file, int rows) throws IOException {
        String[] addons = {
            "device_import_msteams_OC,device_mobile_app,license_dnc_checking_enabled,call_recording",
            "device_import_msteams_OC,call_recording,license_call_recording_unlimited_enabled,",
            "device_import_msteams_OC_resource,device_desktop_app,call_recording,",
            "device_ip_phone,device_desktop_app,team_chat,",
        };
        try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            w.write("Ext Key,Number,User,Addon license 1,Addon license 2,Addon license 3,Addon license 4\r\n");
            for (int i = 0; i < rows; i++) {
                w.write(Integer.toString(100_000 + i));
                w.write(",+65 ");
                w.write(Long.toString(60_000_000L + i));
                w.write(",user");
                w.write(Integer.toString(i));
                w.write("@contoso.onmicrosoft.com,");
                w.write(addons[i & 3]);
                w.write("\r\n");
            }
        }
    }
}
