"""`make bench-web`: the web service under load against a hello-world skill behind the same server."""
