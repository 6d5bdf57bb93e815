// The consumer's test ran and passed (surefire wrote its report), and every published module's -sources.jar was
// installed next to its jar in the isolated repository, as a repository manager would serve them to an IDE.
def report = new File(basedir, 'target/surefire-reports/TEST-com.example.operator.FirstHourTest.xml')
assert report.isFile() : "the consumer's test did not run: no ${report}"
def suite = new groovy.xml.XmlSlurper().parse(report)
assert suite.@tests.toInteger() >= 1 : "the consumer's test report counts no test"
assert suite.@failures.toInteger() == 0 && suite.@errors.toInteger() == 0 && suite.@skipped.toInteger() == 0

def missing = []
publishedModules.split(',').each { String module ->
    def dir = new File(localRepositoryPath, "dev/tenantconnect/${module}/${sdkVersion}")
    ['', '-sources'].each { String suffix ->
        def jar = new File(dir, "${module}-${sdkVersion}${suffix}.jar")
        if (!jar.isFile() || jar.length() == 0) {
            missing << jar.path
        }
    }
}
assert missing.isEmpty() : "not installed: ${missing}"
println "downstream check: ${publishedModules.split(',').size()} modules installed with their sources jars; the operator's test passed"
return true
