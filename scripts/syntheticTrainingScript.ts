// Generates a long, realistic PyTorch/Keras/JAX training script for benchmarks.

const HEADER = `import math
import torch
import torch.nn as nn
import torch.nn.functional as F
from torch.optim import Adam
from torch.optim.lr_scheduler import StepLR
import tensorflow as tf
from tensorflow.keras import layers
import flax.linen as fnn
import optax
`;

const BLOCK = (i: number): string => `

class Block${i}(nn.Module):
    """Residual block number ${i}: conv, batch norm, ReLU, dropout."""

    def __init__(self, channels=64, drop=0.1):
        super().__init__()
        self.conv = nn.Conv2d(channels, channels, kernel_size=3, padding=1, bias=False)
        self.bn = nn.BatchNorm2d(channels)
        self.drop = nn.Dropout(p=drop)  # nn.Dropout in a comment is ignored

    def forward(self, x):
        y = F.relu(self.bn(self.conv(x)))
        return x + self.drop(y)


def train_step_${i}(model, batch, optimizer):
    inputs, targets = batch
    optimizer.zero_grad()
    logits = model(inputs)
    loss = nn.CrossEntropyLoss(label_smoothing=0.1)(logits, targets)
    loss.backward()
    torch.nn.utils.clip_grad_norm_(model.parameters(), max_norm=1.0)
    optimizer.step()
    return loss.item()


keras_head_${i} = tf.keras.Sequential([
    layers.Dense(128, activation="relu"),
    layers.Dropout(rate=0.3),
    layers.Dense(10, activation="softmax"),
])
optimizer_${i} = Adam(Block${i}().parameters(), lr=1e-3, betas=(0.9, 0.999))
scheduler_${i} = StepLR(optimizer_${i}, step_size=30, gamma=0.1)
tx_${i} = optax.chain(optax.clip_by_global_norm(1.0), optax.adamw(learning_rate=3e-4, weight_decay=1e-4))
`;

export function generateTrainingScript(minLines: number): string {
  const parts = [HEADER];
  let lines = HEADER.split('\n').length;
  for (let i = 0; lines < minLines; i += 1) {
    const block = BLOCK(i);
    parts.push(block);
    lines += block.split('\n').length - 1;
  }
  return parts.join('');
}
