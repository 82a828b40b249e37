"""Makes the Chroma and LlamaIndex fixtures the manifest tests read, with the real packages.

    python3 -m venv venv && venv/bin/pip install chromadb==1.5.9 llama-index-core
    venv/bin/python Fixtures/manifests/make-fixtures.py Fixtures/manifests

Embeddings are deterministic fakes (a hash of the text spread over 8 floats): nothing is downloaded.
Two versions of each store are written (v1, v2: one document edited, one added, one removed, one
re-embedded with another fake model), so the tests can diff real files.

The `chroma-flushed-*` stores are large enough (sync threshold 10) that Chroma has moved most vectors
out of its write-ahead queue into the HNSW segment files (header.bin, data_level0.bin, length.bin,
index_metadata.pickle); a later update and a deletion stay in the queue. Beside each,
`<name>.vectors.json` holds the vectors Chroma returns for every id (`collection.get`): in l2 space
exactly those the script wrote, in cosine space those after Chroma's normalisation round trip.

Run with chromadb 0.6.3 instead (`pip install chromadb==0.6.3 'numpy<2'`), the script writes only
`chroma-0.6-flushed`: the same flushed l2 store in the older layout (a pickled PersistentData object,
the max_seq_id table's ids as 8-byte blobs).
"""
import hashlib
import os
import shutil
import struct
import sys

DOCS_V1 = {
    "refunds": "Refunds are issued within 30 days of purchase. Contact support with your order number.",
    "shipping": "Orders ship within two business days. International shipping takes up to ten days.",
    "warranty": "Every device carries a one-year warranty against manufacturing defects.",
}
DOCS_V2 = {
    "refunds": "Refunds are issued within 14 days of purchase. Contact support with your order number.",
    "shipping": "Orders ship within two business days. International shipping takes up to ten days.",
    "returns": "Returns are accepted for unopened items within 30 days.",
}


def fake_embedding(text, salt=""):
    digest = hashlib.sha256((salt + text).encode("utf-8")).digest()
    return [((digest[i] / 255.0) - 0.5) for i in range(8)]


def chroma(folder, docs, salt):
    import chromadb
    from chromadb.api.types import EmbeddingFunction

    class Fake(EmbeddingFunction):
        def __init__(self):
            pass

        def __call__(self, input):
            return [fake_embedding(text, salt) for text in input]

        @staticmethod
        def name():
            return "quill-fake"

    shutil.rmtree(folder, ignore_errors=True)
    client = chromadb.PersistentClient(path=folder)
    collection = client.create_collection("support", embedding_function=Fake(), metadata={"hnsw:space": "cosine"})
    ids = sorted(docs)
    collection.add(ids=ids, documents=[docs[i] for i in ids], metadatas=[{"source": i + ".md"} for i in ids])
    write_returned(collection, ids, folder)


def write_returned(collection, ids, folder):
    """`<folder>.vectors.json`: the vector Chroma returns for each id, the tests' expected values."""
    import json

    returned = collection.get(ids=ids, include=["embeddings"])
    with open(folder + ".vectors.json", "w") as out:
        json.dump({i: [float(x) for x in e] for i, e in zip(returned["ids"], returned["embeddings"])}, out, indent=0, sort_keys=True)
        out.write("\n")
    return returned


def chroma_flushed(folder, space, salt_of):
    """40 records added ten at a time, then doc-03 re-embedded and doc-05 deleted (both left in the
    queue); `salt_of(id)` chooses each record's fake model."""
    import chromadb

    shutil.rmtree(folder, ignore_errors=True)
    client = chromadb.PersistentClient(path=folder)
    metadata = {"hnsw:space": space, "hnsw:sync_threshold": 10, "hnsw:batch_size": 5}
    collection = client.create_collection("library", metadata=metadata, embedding_function=None)
    ids = ["doc-%02d" % n for n in range(40)]
    text = {i: "Document %s of the library, kept for the flushed fixture." % i for i in ids}
    vectors = {i: fake_embedding(text[i], salt_of(i)) for i in ids}
    for start in range(0, 40, 10):
        batch = ids[start:start + 10]
        collection.add(ids=batch, documents=[text[i] for i in batch], embeddings=[vectors[i] for i in batch],
                       metadatas=[{"n": int(i[4:])} for i in batch])
    vectors["doc-03"] = fake_embedding(text["doc-03"], "updated")
    collection.update(ids=["doc-03"], embeddings=[vectors["doc-03"]])
    collection.delete(ids=["doc-05"])
    kept = [i for i in ids if i != "doc-05"]
    returned = write_returned(collection, kept, folder)
    if space == "l2":  # Chroma returns exactly the vectors written, as float32
        for i, returned_vector in zip(returned["ids"], returned["embeddings"]):
            assert [float(x) for x in returned_vector] == [struct.unpack("<f", struct.pack("<f", x))[0] for x in vectors[i]]


def llamaindex(folder, docs, salt):
    from llama_index.core import Document, Settings, StorageContext, VectorStoreIndex
    from llama_index.core.embeddings import BaseEmbedding
    from llama_index.core.node_parser import SentenceSplitter

    class Fake(BaseEmbedding):
        def _get_text_embedding(self, text):
            return fake_embedding(text, salt)

        def _get_query_embedding(self, query):
            return fake_embedding(query, salt)

        async def _aget_query_embedding(self, query):
            return fake_embedding(query, salt)

    Settings.embed_model = Fake(model_name="quill-fake" + salt)
    shutil.rmtree(folder, ignore_errors=True)
    documents = [Document(text=docs[i], doc_id=i, metadata={"source": i + ".md"}) for i in sorted(docs)]
    index = VectorStoreIndex.from_documents(documents, transformations=[SentenceSplitter(chunk_size=64, chunk_overlap=8)])
    index.storage_context.persist(persist_dir=folder)


def main():
    import chromadb

    out = sys.argv[1] if len(sys.argv) > 1 else os.path.dirname(__file__)
    if chromadb.__version__.startswith("0.6."):
        chroma_flushed(os.path.join(out, "chroma-0.6-flushed"), "l2", lambda i: "")
        return
    chroma(os.path.join(out, "chroma-v1"), DOCS_V1, "")
    chroma(os.path.join(out, "chroma-v2"), DOCS_V2, "model-2")
    chroma_flushed(os.path.join(out, "chroma-flushed-v1"), "l2", lambda i: "")
    chroma_flushed(os.path.join(out, "chroma-flushed-v2"), "l2", lambda i: "model-2" if int(i[4:]) % 4 == 0 else "")
    chroma_flushed(os.path.join(out, "chroma-flushed-cosine"), "cosine", lambda i: "")
    llamaindex(os.path.join(out, "llamaindex-v1"), DOCS_V1, "")
    llamaindex(os.path.join(out, "llamaindex-v2"), DOCS_V2, "model-2")


if __name__ == "__main__":
    main()
