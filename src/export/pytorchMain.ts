// The model-independent tail of the PyTorch script: CSV loading, process
// setup for torchrun, and the training loop.

export const PYTORCH_MAIN = `

def load_csv(path):
    with open(path, newline="") as handle:
        rows = list(csv.DictReader(handle))
    inputs = [[float(row[name]) for name in INPUT_COLUMNS] for row in rows]
    if CLASS_COLUMN is None:
        targets = [[float(row[name]) for name in TARGET_COLUMNS] for row in rows]
    else:
        # Without a stored class list, classes are taken in order of first appearance, as the editor does.
        classes = CLASSES or list(dict.fromkeys(row[CLASS_COLUMN] for row in rows))
        if len(classes) == 2:
            targets = [[1.0 if row[CLASS_COLUMN] == classes[1] else 0.0] for row in rows]
        else:
            targets = [[1.0 if row[CLASS_COLUMN] == label else 0.0 for label in classes] for row in rows]
    return TensorDataset(torch.tensor(inputs), torch.tensor(targets))


def parse_args():
    here = os.path.dirname(os.path.abspath(__file__))
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", default=DATA and os.path.join(here, DATA), required=DATA is None, help="CSV file with the input and target columns")
    parser.add_argument("--epochs", type=int, default=EPOCHS)
    parser.add_argument("--out", default="weights.pt", help="where rank 0 saves the trained state_dict")
    return parser.parse_args()


def setup():
    """torchrun sets WORLD_SIZE, RANK and LOCAL_RANK; a plain run has none of them."""
    distributed = int(os.environ.get("WORLD_SIZE", "1")) > 1
    local_rank = int(os.environ.get("LOCAL_RANK", "0"))
    if distributed:
        dist.init_process_group("nccl" if torch.cuda.is_available() else "gloo")
    if torch.cuda.is_available():
        device = torch.device("cuda", local_rank)
        torch.cuda.set_device(device)
    else:
        device = torch.device("cpu")
    rank = dist.get_rank() if distributed else 0
    return distributed, rank, device


def main():
    args = parse_args()
    distributed, rank, device = setup()
    torch.manual_seed(SEED)
    model = trained_network().to(device)
    if distributed:
        model = DistributedDataParallel(model, device_ids=[device.index] if device.type == "cuda" else None)
    dataset = load_csv(args.data)
    sampler = DistributedSampler(dataset, shuffle=SHUFFLE, seed=SEED) if distributed else None
    loader = DataLoader(dataset, batch_size=BATCH_SIZE, shuffle=SHUFFLE and sampler is None, sampler=sampler)
    optimizer = make_optimizer(model.parameters())
    schedule = make_schedule(optimizer)
    for epoch in range(args.epochs):
        if sampler is not None:
            sampler.set_epoch(epoch)
        model.train()
        total, count = 0.0, 0
        for x, y in loader:
            x, y = x.to(device), y.to(device)
            optimizer.zero_grad()
            loss = loss_fn(model(x), y)
            loss.backward()
            optimizer.step()
            total += loss.item() * len(x)
            count += len(x)
        if schedule is not None:
            schedule.step()
        if rank == 0:
            print(f"epoch {epoch + 1}/{args.epochs}  loss {total / max(count, 1):.6f}")
    if rank == 0:
        network = model.module if distributed else model
        torch.save(network.state_dict(), args.out)
        print(f"saved {args.out}")
    if distributed:
        dist.destroy_process_group()


if __name__ == "__main__":
    main()
`;
