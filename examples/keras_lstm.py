"""A sentiment classifier with an LSTM, built with Keras.

Hover a layer or an activation string such as "sigmoid" to see what it does.
"""
from tensorflow import keras
from tensorflow.keras import layers

VOCABULARY_SIZE = 20_000
SEQUENCE_LENGTH = 200


def build_model() -> keras.Model:
    inputs = keras.Input(shape=(SEQUENCE_LENGTH,), dtype="int32")
    x = layers.Embedding(input_dim=VOCABULARY_SIZE, output_dim=128, mask_zero=True)(inputs)
    x = layers.Bidirectional(layers.LSTM(64, return_sequences=True, dropout=0.2))(x)
    x = layers.LSTM(32)(x)
    x = layers.LayerNormalization()(x)
    x = layers.Dropout(rate=0.5)(x)
    outputs = layers.Dense(1, activation="sigmoid")(x)
    model = keras.Model(inputs, outputs)
    model.compile(
        optimizer=keras.optimizers.Adam(learning_rate=1e-3, clipnorm=1.0),
        loss=keras.losses.BinaryCrossentropy(),
        metrics=["accuracy"],
    )
    return model


def train(model: keras.Model, train_data, validation_data) -> keras.callbacks.History:
    early_stopping = keras.callbacks.EarlyStopping(monitor="val_loss", patience=3, restore_best_weights=True)
    return model.fit(train_data, validation_data=validation_data, epochs=20, callbacks=[early_stopping])
