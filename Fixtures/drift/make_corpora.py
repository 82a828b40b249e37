"""Writes the small corpora the drift tests and the SciPy oracle read (committed; rerun only to
change them): four pairs of JSON Lines files, one document a line in the field "text".

  identical-a/b   the same 60 support requests on both sides
  mild-a/b        support requests, B with other weights and a few new subjects
  clear-a/b       support requests against clauses of a lease (other words, longer sentences)
  scripts-a/b     Russian and Greek requests against Russian, Japanese and Arabic ones

The text keeps to what every reasonable tokeniser agrees on (no dots inside words, a capital
after every full stop), so the oracle's own tokeniser sees the words and sentences Quill sees.
"""
import json
import random
from pathlib import Path

HERE = Path(__file__).resolve().parent

SUBJECTS = ["my order", "the invoice", "my account", "the refund", "the delivery", "my password", "the subscription"]
NEW_SUBJECTS = ["the gift card", "my loyalty points", "the voucher code"]
PROBLEMS = ["has not arrived", "is wrong", "was charged twice", "cannot be found", "expired yesterday", "keeps failing"]
OPENINGS = ["Hello", "Hi there", "Good morning", "Dear support team"]
CLOSINGS = ["Can you help me?", "Please fix it soon.", "Thanks in advance!", "What should I do now?", "I am waiting for an answer."]
DETAILS = ["I ordered it on Monday.", "It happened again today.", "My friend has the same problem.",
           "I tried twice and it didn't work.", "The app shows an error."]

LEASE = [
    "The lessee shall indemnify the lessor against all claims arising from the use of the premises, including reasonable attorney fees and costs.",
    "Rent is payable monthly in advance on the first business day of each calendar month without deduction or set off of any kind.",
    "Neither party may assign this agreement or any interest under it without the prior written consent of the other party, which shall not be unreasonably withheld.",
    "The lessor may enter the premises upon reasonable notice to inspect, repair or show them to prospective tenants or purchasers.",
    "Any notice under this lease must be in writing and delivered by hand or registered mail to the address stated above.",
    "This agreement is governed by the laws of the state in which the premises are located.",
]

RUSSIAN = ["Мой заказ не пришёл.", "Счёт неправильный.", "Помогите мне, пожалуйста!", "Пароль не работает уже два дня.",
           "Подписка закончилась вчера.", "Где мой возврат?"]
GREEK = ["Η παραγγελία μου δεν έφτασε.", "Ο λογαριασμός είναι λάθος.", "Βοηθήστε με παρακαλώ!"]
JAPANESE = ["注文した商品が届きません。", "請求書が間違っています。", "パスワードを忘れました。", "返金はいつですか？"]
ARABIC = ["لم يصل طلبي بعد.", "الفاتورة غير صحيحة.", "ساعدوني من فضلكم!"]


def request(rng, subjects, weights=None):
    subject = rng.choices(subjects, weights=weights)[0]
    parts = [f"{rng.choice(OPENINGS)}, {subject} {rng.choice(PROBLEMS)}."]
    if rng.random() < 0.6:
        parts.append(rng.choice(DETAILS))
    parts.append(rng.choice(CLOSINGS))
    return " ".join(parts)


def write(name, texts):
    with open(HERE / f"{name}.jsonl", "w", encoding="utf-8") as out:
        for text in texts:
            out.write(json.dumps({"text": text}, ensure_ascii=False) + "\n")


def main():
    rng = random.Random(15)
    support = [request(rng, SUBJECTS) for _ in range(60)]
    write("identical-a", support)
    write("identical-b", support)
    write("mild-a", [request(rng, SUBJECTS) for _ in range(60)])
    write("mild-b", [request(rng, SUBJECTS + NEW_SUBJECTS, [3, 1, 1, 1, 1, 2, 1, 1, 1, 1]) for _ in range(60)])
    write("clear-a", [request(rng, SUBJECTS) for _ in range(60)])
    write("clear-b", [" ".join(rng.sample(LEASE, 2)) for _ in range(60)])
    write("scripts-a", [" ".join(rng.sample(RUSSIAN, 2) + [rng.choice(GREEK)]) for _ in range(40)])
    write("scripts-b", [" ".join([rng.choice(RUSSIAN), rng.choice(JAPANESE), rng.choice(ARABIC)]) for _ in range(40)])


if __name__ == "__main__":
    main()
