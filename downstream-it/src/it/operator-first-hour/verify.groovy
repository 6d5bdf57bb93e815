// The consumer's test ran and passed (surefire wrote its report), and every published module's -sources.jar and
// -javadoc.jar were installed next to its jar in the isolated repository, as a repository manager would serve them to
// an IDE; the Javadoc jar holds the module's pages (an index.html).
def report = new File(basedir, 'target/surefire-reports/TEST-com.example.operator.FirstHourTest.xml')
assert report.isFile() : "the consumer's test did not run: no ${report}"
def suite = new groovy.xml.XmlSlurper().parse(report)
assert suite.@tests.toInteger() >= 1 : "the consumer's test report counts no test"
assert suite.@failures.toInteger() == 0 && suite.@errors.toInteger() == 0 && suite.@skipped.toInteger() == 0

def missing = []
publishedModules.split(',').each { String module ->
    def dir = new File(localRepositoryPath, "dev/tenantconnect/${module}/${sdkVersion}")
    ['', '-sources', '-javadoc'].each { String suffix ->
        def jar = new File(dir, "${module}-${sdkVersion}${suffix}.jar")
        if (!jar.isFile() || jar.length() == 0) {
            missing << jar.path
        }
    }
}
assert missing.isEmpty() : "not installed: ${missing}"
def noPages = publishedModules.split(',').findAll { String module ->
    def jar = new File(localRepositoryPath, "dev/tenantconnect/${module}/${sdkVersion}/${module}-${sdkVersion}-javadoc.jar")
    def zip = new java.util.zip.ZipFile(jar)
    try {
        zip.getEntry('index.html') == null
    } finally {
        zip.close()
    }
}
assert noPages.isEmpty() : "Javadoc jars without pages: ${noPages}"
println "downstream check: ${publishedModules.split(',').size()} modules installed with their sources and Javadoc jars; the operator's test passed"
return true
