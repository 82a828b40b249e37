"""Makes the Chroma and LlamaIndex fixtures the manifest tests read, with the real packages.

    python3 -m venv venv && venv/bin/pip install chromadb llama-index-core
    venv/bin/python Fixtures/manifests/make-fixtures.py Fixtures/manifests

Embeddings are deterministic fakes (a hash of the text spread over 8 floats): nothing is downloaded.
Two versions of each store are written (v1, v2: one document edited, one added, one removed, one
re-embedded with another fake model), so the tests can diff real files.
"""
import hashlib
import os
import shutil
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
    out = sys.argv[1] if len(sys.argv) > 1 else os.path.dirname(__file__)
    chroma(os.path.join(out, "chroma-v1"), DOCS_V1, "")
    chroma(os.path.join(out, "chroma-v2"), DOCS_V2, "model-2")
    llamaindex(os.path.join(out, "llamaindex-v1"), DOCS_V1, "")
    llamaindex(os.path.join(out, "llamaindex-v2"), DOCS_V2, "model-2")


if __name__ == "__main__":
    main()
