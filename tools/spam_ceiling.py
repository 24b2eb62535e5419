#!/usr/bin/python3
"""Cross-checks the spam target of docs/classification.md with scikit-learn, independently of Mandate's own code.

For each of several well-known text classifiers, prints F1 and false-positive rate at 0.5 and the *ceiling*: the best
F1 any threshold reaches with a false-positive rate of at most 1 %, the threshold taken on the test set itself (an
oracle). If even the ceiling stays below F1 0.95, no threshold can meet the target: only a better ranking can.

    apt-get install -y python3-sklearn python3-pandas
    /usr/bin/python3 tools/spam_ceiling.py ../shared/datasets

Not part of the build; reads the shared data sets in place (nothing is copied).
"""
import re
import sys

import numpy as np
import pandas as pd
import scipy.sparse as sp
from sklearn.feature_extraction.text import CountVectorizer, TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import f1_score
from sklearn.model_selection import StratifiedKFold
from sklearn.pipeline import make_union

DATA = sys.argv[1] if len(sys.argv) > 1 else "../shared/datasets"
VIDEOS = {  # the post each file's comments sit under, as in SpamCorpus.POSTS
    "Youtube01-Psy": "9bZkp7q19f0",
    "Youtube02-KatyPerry": "CevxZvSJLk8",
    "Youtube03-LMFAO": "KQ6zr6kCPj8",
}
SMS_WEIGHT = 0.15  # as Mandate's training


def video(name):
    frame = pd.read_csv(f"{DATA}/youtube-spam-collection/{name}.csv")
    # a link back to the video itself is no link out (Mandate: TextFeatures.withoutLinksTo)
    texts = [re.sub(r"\S*" + VIDEOS[name] + r"\S*", " ", t) for t in frame.CONTENT]
    return texts, frame.CLASS.to_numpy()


def sms():
    texts, labels = [], []
    with open(f"{DATA}/sms-spam-collection/SMSSpamCollection", encoding="utf-8") as f:
        for line in f:
            label, text = line.rstrip("\n").split("\t", 1)
            texts.append(text)
            labels.append(1 if label == "spam" else 0)
    return texts, np.array(labels)


def tfidf():
    return make_union(
        TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True),
        TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 5), sublinear_tf=True, min_df=2))


def logistic(train, labels, weights, test, c=100):
    features = tfidf()
    model = LogisticRegression(C=c, max_iter=3000, class_weight="balanced")
    model.fit(features.fit_transform(train), labels, sample_weight=weights)
    return model.predict_proba(features.transform(test))[:, 1]


def naive_bayes_svm(train, labels, weights, test, c=10):
    features = make_union(
        CountVectorizer(ngram_range=(1, 2), binary=True),
        CountVectorizer(analyzer="char_wb", ngram_range=(2, 5), binary=True, min_df=2))
    x = features.fit_transform(train).tocsr()
    spam = labels.astype(bool)
    p = 1 + x[spam].multiply(weights[spam][:, None]).sum(0)
    q = 1 + x[~spam].multiply(weights[~spam][:, None]).sum(0)
    ratio = sp.diags(np.asarray(np.log((p / p.sum()) / (q / q.sum()))).ravel())
    model = LogisticRegression(C=c, max_iter=3000, class_weight="balanced")
    model.fit(x @ ratio, labels, sample_weight=weights)
    return model.predict_proba(features.transform(test) @ ratio)[:, 1]


def ensemble(train, labels, weights, test):
    return (logistic(train, labels, weights, test) + naive_bayes_svm(train, labels, weights, test)) / 2


def self_trained(train, labels, weights, test, rounds=3):
    """Transductive: the test comments' confident verdicts (never their labels) join the training set."""
    scores = logistic(train, labels, weights, test)
    for _ in range(rounds):
        sure = (scores > 0.9) | (scores < 0.1)
        scores = logistic(
            train + [t for t, s in zip(test, sure) if s],
            np.concatenate([labels, (scores[sure] > 0.5).astype(int)]),
            np.concatenate([weights, np.ones(sure.sum())]),
            test)
    return scores


def figures(labels, scores):
    def at(threshold):
        predicted = scores >= threshold
        return f1_score(labels, predicted), (predicted & (labels == 0)).sum() / (labels == 0).sum()
    f1, fpr = at(0.5)
    ceiling = max((at(t)[0] for t in np.unique(scores) if at(t)[1] <= 0.01), default=0.0)
    return f1, fpr, ceiling


def unseen_videos(name, scorer):
    sms_texts, sms_labels = sms()
    rows = []
    for held_out in VIDEOS:
        train, labels = [], []
        for other in VIDEOS:
            if other != held_out:
                texts, classes = video(other)
                train += texts
                labels += list(classes)
        weights = np.concatenate([np.ones(len(train)), np.full(len(sms_texts), SMS_WEIGHT)])
        test, truth = video(held_out)
        rows.append(figures(truth, scorer(train + sms_texts, np.array(labels + list(sms_labels)), weights, test)))
    mean = np.mean(rows, axis=0)
    print(f"{name:<44} F1 {mean[0]:.3f}  FPR {mean[1]:.3f}  ceiling {mean[2]:.3f}   per video: "
          + "  ".join(f"{r[0]:.3f}/{r[1]:.3f}/{r[2]:.3f}" for r in rows))


def seen_videos():
    """The most favourable case: every video's comments in training (10-fold over all three)."""
    sms_texts, sms_labels = sms()
    texts, labels, origin = [], [], []
    for i, name in enumerate(VIDEOS):
        t, c = video(name)
        texts += t
        labels += list(c)
        origin += [i] * len(t)
    labels, origin = np.array(labels), np.array(origin)
    scores = np.zeros(len(texts))
    for train, test in StratifiedKFold(10, shuffle=True, random_state=1).split(texts, labels * 10 + origin):
        weights = np.concatenate([np.ones(len(train)), np.full(len(sms_texts), SMS_WEIGHT)])
        scores[test] = logistic([texts[k] for k in train] + sms_texts,
                                np.concatenate([labels[train], sms_labels]), weights, [texts[k] for k in test])
    rows = [figures(labels[origin == i], scores[origin == i]) for i in range(len(VIDEOS))]
    mean = np.mean(rows, axis=0)
    print(f"{'tf-idf LR, videos seen in training (10-fold)':<44} F1 {mean[0]:.3f}  FPR {mean[1]:.3f}  "
          f"ceiling {mean[2]:.3f}   per video: " + "  ".join(f"{r[0]:.3f}/{r[1]:.3f}/{r[2]:.3f}" for r in rows))


if __name__ == "__main__":
    print("mean over the three videos; per video F1 at 0.5 / FPR at 0.5 / ceiling (best F1 at FPR <= 1 %, oracle)")
    unseen_videos("tf-idf LR (words 1-2, characters 2-5)", logistic)
    unseen_videos("NB-SVM (log-count ratios)", naive_bayes_svm)
    unseen_videos("mean of the two", ensemble)
    unseen_videos("tf-idf LR, self-trained on the test comments", self_trained)
    seen_videos()
