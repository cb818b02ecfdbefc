import ChannelStorePostgres
import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// Starts and stops a throwaway PostgreSQL 15 server in a folder of its own (see `TemporaryPostgres`).
enum LocalServer {
    static let binaries = "/usr/lib/postgresql/15/bin"

    /// initdb, a free port, pg_ctl start; returns the `postgres` database's location and the folder.
    /// - Parameter tls: also serve TLS, with a certificate for 127.0.0.1 and localhost signed by a certificate authority
    ///   of the folder's own (`ca.crt`; `other-ca.crt` is another, which signed nothing), on 127.0.0.1 and 127.0.0.2;
    ///   and let the role `keeper` (which the caller creates) sign in only with its password (SCRAM), everyone else
    ///   without one.
    static func start(tls: Bool = false) throws(TemporaryPostgresError) -> (location: PostgresLocation, folder: String) {
        guard FileManager.default.isExecutableFile(atPath: "\(binaries)/initdb") else {
            throw TemporaryPostgresError(
                "PostgreSQL 15 is not installed (\(binaries)/initdb); install it or set QUDAO_TEST_POSTGRES_URL")
        }
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("qudao-pg-\(getpid())-\(UUID().uuidString.prefix(8))").path
        do {
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        } catch {
            throw TemporaryPostgresError("cannot create \(folder): \(error)")
        }
        let asPostgres = geteuid() == 0
        if asPostgres {
            guard let user = getpwnam("postgres") else {
                throw TemporaryPostgresError("running as root, but there is no postgres user to run the server as")
            }
            guard chown(folder, user.pointee.pw_uid, user.pointee.pw_gid) == 0 else {
                throw TemporaryPostgresError("cannot give \(folder) to the postgres user: \(String(cString: strerror(errno)))")
            }
        }
        let data = "\(folder)/data"
        try run(
            "\(binaries)/initdb", ["-D", data, "-U", "postgres", "-A", "trust", "-E", "UTF8", "--locale=C", "--no-sync"],
            asPostgres: asPostgres, log: "\(folder)/initdb.log")
        let port = try freePort()
        var options = [
            "-p \(port)", "-k \(folder)", "-c listen_addresses=127.0.0.1\(tls ? ",127.0.0.2" : "")", "-c fsync=off", "-c synchronous_commit=off",
            "-c full_page_writes=off", "-c max_connections=300",
        ]
        if tls {
            try makeCertificates(in: folder, asPostgres: asPostgres)
            try requirePassword(of: "keeper", data: data)
            options += ["-c ssl=on", "-c ssl_cert_file=\(folder)/server.crt", "-c ssl_key_file=\(folder)/server.key"]
        }
        try run(
            "\(binaries)/pg_ctl", ["-D", data, "-l", "\(folder)/server.log", "-w", "-t", "60", "-o", options.joined(separator: " "), "start"],
            asPostgres: asPostgres, log: "\(folder)/pg_ctl.log")
        watch(folder: folder)
        let location = PostgresLocation(endpoint: .tcp(host: "127.0.0.1", port: port), user: "postgres", password: nil, database: "postgres")
        return (location, folder)
    }

    /// Puts a line first in the server's `pg_hba.conf` that makes `role` sign in with its password.
    private static func requirePassword(of role: String, data: String) throws(TemporaryPostgresError) {
        let path = "\(data)/pg_hba.conf"
        do {
            let rules = try String(contentsOfFile: path, encoding: .utf8)
            // Not atomically: the file keeps its owner (the postgres user when the tests run as root).
            try ("host all \(role) all scram-sha-256\n" + rules).write(toFile: path, atomically: false, encoding: .utf8)
        } catch {
            throw TemporaryPostgresError("cannot change \(path): \(error)")
        }
    }

    /// A certificate authority (`ca.crt`), a server certificate it signed for 127.0.0.1 and localhost (`server.crt`,
    /// `server.key`, readable by the server only), and an unrelated authority (`other-ca.crt`), made with openssl.
    private static func makeCertificates(in folder: String, asPostgres: Bool) throws(TemporaryPostgresError) {
        let openssl = "/usr/bin/openssl"
        guard FileManager.default.isExecutableFile(atPath: openssl) else { throw TemporaryPostgresError("openssl is not installed (\(openssl))") }
        let key = ["-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes"]
        let log = "\(folder)/openssl.log"
        for name in ["ca", "other-ca"] {
            try run(
                openssl, ["req", "-x509"] + key + ["-days", "2", "-subj", "/CN=Qudao test \(name)", "-keyout", "\(folder)/\(name).key", "-out", "\(folder)/\(name).crt"],
                asPostgres: asPostgres, log: log)
        }
        try run(
            openssl, ["req"] + key + ["-subj", "/CN=127.0.0.1", "-keyout", "\(folder)/server.key", "-out", "\(folder)/server.csr"],
            asPostgres: asPostgres, log: log)
        do {
            try "subjectAltName = IP:127.0.0.1, DNS:localhost\n".write(toFile: "\(folder)/server.ext", atomically: true, encoding: .utf8)
        } catch {
            throw TemporaryPostgresError("cannot write \(folder)/server.ext: \(error)")
        }
        try run(
            openssl,
            [
                "x509", "-req", "-in", "\(folder)/server.csr", "-CA", "\(folder)/ca.crt", "-CAkey", "\(folder)/ca.key", "-CAcreateserial",
                "-days", "2", "-extfile", "\(folder)/server.ext", "-out", "\(folder)/server.crt",
            ], asPostgres: asPostgres, log: log)
        // The server refuses a key others may read.
        guard chmod("\(folder)/server.key", 0o600) == 0 else {
            throw TemporaryPostgresError("cannot make \(folder)/server.key private: \(String(cString: strerror(errno)))")
        }
    }

    /// Stops the server at once (no checkpoint: its data is thrown away) and removes the folder.
    static func stop(folder: String) {
        if let pid = postmasterPID(folder: folder) {
            kill(pid, SIGQUIT)
            // Wait (up to 10 s) for the server to go, so nothing is left running.
            for _ in 0..<100 where kill(pid, 0) == 0 { usleep(100_000) }
        }
        try? FileManager.default.removeItem(atPath: folder)
    }

    private static func postmasterPID(folder: String) -> pid_t? {
        guard let text = try? String(contentsOfFile: "\(folder)/data/postmaster.pid", encoding: .utf8),
            let first = text.split(separator: "\n").first, let pid = pid_t(first)
        else { return nil }
        return pid
    }

    /// A shell that stops the server if this process ends without its exit hooks (a crash, a kill).
    private static func watch(folder: String) {
        let script = """
            while kill -0 \(getpid()) 2>/dev/null; do sleep 1; done
            if [ -f '\(folder)/data/postmaster.pid' ]; then kill -QUIT "$(head -1 '\(folder)/data/postmaster.pid')" 2>/dev/null; sleep 2; fi
            rm -rf '\(folder)'
            """
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", script]
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try? process.run()
    }

    /// Runs a tool (its path) to its end, its output into `log`.
    ///
    /// Through `posix_spawn` and `waitpid`, not Foundation's `Process`: `pg_ctl start` leaves the server running, and
    /// the server inherits the descriptor by which `Process` learns that its child ended, so `Process` would wait
    /// for the server too.
    private static func run(_ tool: String, _ arguments: [String], asPostgres: Bool, log: String) throws(TemporaryPostgresError) {
        let command = asPostgres ? ["/usr/sbin/runuser", "-u", "postgres", "--", tool] + arguments : [tool] + arguments
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, log, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        posix_spawn_file_actions_adddup2(&actions, 1, 2)
        let argv: [UnsafeMutablePointer<CChar>?] = command.map { strdup($0) } + [nil]
        defer { for pointer in argv { free(pointer) } }
        var pid: pid_t = 0
        let spawned = posix_spawn(&pid, command[0], &actions, nil, argv, environ)
        guard spawned == 0 else {
            throw TemporaryPostgresError("cannot run \(tool): \(String(cString: strerror(spawned)))")
        }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) == -1 {
            guard errno == EINTR else { throw TemporaryPostgresError("lost track of \(tool): \(String(cString: strerror(errno)))") }
        }
        // WIFEXITED and WEXITSTATUS, spelled out (they are C macros).
        let exited = status & 0x7f == 0
        let code = (status >> 8) & 0xff
        guard exited, code == 0 else {
            let text = (try? String(contentsOfFile: log, encoding: .utf8)) ?? ""
            throw TemporaryPostgresError("\(tool) failed (status \(status)): \(text.suffix(2000))")
        }
    }

    /// A TCP port of 127.0.0.1 that nothing listens on now (the kernel picks it).
    private static func freePort() throws(TemporaryPostgresError) -> Int {
        let socketFD = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard socketFD >= 0 else { throw TemporaryPostgresError("cannot open a socket to find a free port") }
        defer { close(socketFD) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = 0
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(socketFD, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard bound == 0 else { throw TemporaryPostgresError("cannot bind a socket to find a free port") }
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let named = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(socketFD, $0, &length) }
        }
        guard named == 0 else { throw TemporaryPostgresError("cannot read the port of a socket") }
        return Int(UInt16(bigEndian: address.sin_port))
    }
}
