"""`yuebao demo`: a sample township and a scripted chat, replayed through the real pipeline on a fake clock."""
