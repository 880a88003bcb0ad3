"""One training step of a small MLP in Flax with an Optax optimiser.

Hover nn.Dense, nn.Dropout, optax.adamw or optax.clip_by_global_norm.
"""
import jax
import jax.numpy as jnp
import flax.linen as nn
import optax
from flax.training import train_state


class MLP(nn.Module):
    hidden: int = 256
    num_classes: int = 10

    @nn.compact
    def __call__(self, x, training: bool):
        x = nn.Dense(features=self.hidden)(x)
        x = nn.gelu(x)
        x = nn.Dropout(rate=0.1, deterministic=not training)(x)
        x = nn.Dense(features=self.num_classes)(x)
        return x


def create_state(rng, learning_rate: float = 3e-4) -> train_state.TrainState:
    model = MLP()
    params = model.init(rng, jnp.ones((1, 784)), training=False)["params"]
    schedule = optax.warmup_cosine_decay_schedule(
        init_value=0.0, peak_value=learning_rate, warmup_steps=500, decay_steps=10_000
    )
    tx = optax.chain(optax.clip_by_global_norm(1.0), optax.adamw(learning_rate=schedule, weight_decay=1e-4))
    return train_state.TrainState.create(apply_fn=model.apply, params=params, tx=tx)


@jax.jit
def train_step(state: train_state.TrainState, images, labels, dropout_rng):
    def loss_fn(params):
        logits = state.apply_fn({"params": params}, images, training=True, rngs={"dropout": dropout_rng})
        loss = optax.softmax_cross_entropy_with_integer_labels(logits, labels).mean()
        return loss, logits

    (loss, logits), grads = jax.value_and_grad(loss_fn, has_aux=True)(state.params)
    state = state.apply_gradients(grads=grads)
    accuracy = jnp.mean(jnp.argmax(logits, -1) == labels)
    return state, loss, accuracy
