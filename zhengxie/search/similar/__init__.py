"""Similar texts: hashed bigram TF-IDF for "most similar", MinHash bands for near-duplicates."""
