package dev.tenantconnect.examples.spring;

import dev.tenantconnect.core.job.FileJobJournal;
import dev.tenantconnect.core.job.JobJournal;
import java.nio.file.Path;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.scheduling.annotation.EnableScheduling;

/** The sample operator platform: everything but the bulk job journal comes from the starter. */
@SpringBootApplication
@EnableScheduling
public class OperatorPlatformApplication {
    /** Creates the application. */
    public OperatorPlatformApplication() {
    }

    /**
     * @param args command-line arguments
     */
    public static void main(String[] args) {
        SpringApplication.run(OperatorPlatformApplication.class, args);
    }

    /**
     * @param dir where bulk jobs are journaled
     * @return the bulk job journal ({@code BulkAssignments.of} counts its rows into the client's meters)
     */
    @Bean
    public JobJournal bulkJournal(@Value("${operator.jobs-dir:jobs}") Path dir) {
        return new FileJobJournal(dir);
    }
}
