import ChannelAnalytics
import ChannelImport
import Foundation

/// Runs an uploaded file's import in the background as a job whose progress and report `ImportJobs` keeps: the
/// same for the API's uploads and the web page's.
struct ImportLauncher {
    let store: any QudaoServer.Store
    let engine: AnalyticsEngine
    let jobs: ImportJobs

    /// Starts importing `upload` and returns the job's id; the upload is removed when the import ends.
    func start(_ upload: ImportUpload, owner: String, options: ImportOptions) -> String {
        let job = jobs.start(file: upload.filename, owner: owner, bytes: upload.size)
        let (store, engine, jobs) = (self.store, self.engine, self.jobs)
        let path = upload.path
        // The import holds the store's write lock for its whole transaction: off the request threads.
        Thread.detachNewThread {
            defer { upload.discard() }
            do {
                var report = try Importer(store: store, options: options).run(paths: [path]) { progress in
                    jobs.update(job) { $0.progress(progress) }
                }
                // Issues name the uploaded file, not the server's temporary folder it was kept in.
                report.issues = report.issues.map { issue in
                    var named = issue
                    named.file = (issue.file as NSString).lastPathComponent
                    return named
                }
                jobs.update(job) { $0.finish(report, error: nil) }
                _ = try? engine.refresh()
            } catch {
                jobs.update(job) { $0.finish(nil, error: String(describing: error)) }
            }
        }
        return job
    }
}
